/* Idle-session warning: two minutes before the server ends an idle session, offer to stay
   signed in. Without JavaScript the session simply ends and the next page asks to sign in. */
(function () {
  "use strict";
  var body = document.body;
  var dialog = document.getElementById("session-timeout");
  var secondsLeft = parseInt(body.getAttribute("data-session-idle"), 10);
  var warning = parseInt(body.getAttribute("data-session-warning"), 10);
  if (!dialog || typeof dialog.showModal !== "function" || !(secondsLeft > 0)) {
    return;
  }
  var keepAlive = dialog.querySelector("form.session-keepalive");
  var warnTimer = null;
  var endTimer = null;

  function expire() {
    // The server has ended the session: reloading leads to the sign-in page, then back here.
    window.location.reload();
  }

  function warn() {
    if (!dialog.open) {
      dialog.showModal();
    }
    keepAlive.querySelector("button").focus();
  }

  function schedule(seconds) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(warn, Math.max(0, seconds - warning) * 1000);
    endTimer = window.setTimeout(expire, seconds * 1000 + 1000);
  }

  keepAlive.addEventListener("submit", function (event) {
    event.preventDefault();
    window.fetch(keepAlive.action, {
      method: "POST",
      body: new FormData(keepAlive),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    }).then(function (data) {
      dialog.close();
      schedule(data.seconds_left);
    }).catch(expire);
  });

  schedule(secondsLeft);
}());
