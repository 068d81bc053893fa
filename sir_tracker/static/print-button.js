// A "Print" button where the page has one (data-print): shown only when this script runs, so
// that without it nobody meets a button that does nothing (the browser's Print still works).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
