// While a payment is being confirmed, ask again every few seconds without reloading the page,
// and go to the receipt once the portal has it. Without JavaScript, "Check again" does this.
(function () {
  "use strict";
  var status = document.querySelector("[data-payment-waiting]");
  if (!status || !window.fetch) {
    return;
  }
  var tries = 0;
  function check() {
    tries += 1;
    fetch(window.location.href, { credentials: "same-origin", redirect: "follow" })
      .then(function (response) {
        if (response.redirected) {
          window.location.assign(response.url);
        } else if (tries < 40) {
          window.setTimeout(check, 3000);
        }
      })
      .catch(function () {
        if (tries < 40) {
          window.setTimeout(check, 3000);
        }
      });
  }
  window.setTimeout(check, 3000);
})();
