/* "Report a problem or mistake on this page": sent in place, without leaving the page.
   Without this script the form posts and the page comes back with the thanks. */
(function () {
  "use strict";
  var form = document.querySelector("[data-report-form]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var thanks = document.querySelector("[data-report-thanks]");
  var error = form.querySelector("[data-report-error]");
  var fieldset = form.querySelector("fieldset");
  var button = form.querySelector("button[type=submit]");

  // A sub-option implies its parent option.
  form.addEventListener("change", function (event) {
    var parentId = event.target.getAttribute("data-parent");
    if (parentId && event.target.checked) {
      document.getElementById(parentId).checked = true;
    }
  });

  function showError(message) {
    error.textContent = message;
    fieldset.classList.add("has-error");
    form.querySelector("input[type=checkbox]").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        button.disabled = false;
        if (data.status === "thanks") {
          form.hidden = true;
          thanks.hidden = false;
          thanks.focus();
        } else {
          showError(data.message);
        }
      })
      .catch(function () {
        // Not an answer we understand (a network error, a security check): post the usual way.
        HTMLFormElement.prototype.submit.call(form);
      });
  });
})();
