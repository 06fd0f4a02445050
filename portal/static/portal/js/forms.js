/* Canada.ca's form pattern: after a failed submission, move focus to the error summary so
   screen-reader and keyboard users hear what went wrong and can jump to each field. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
}());
