// Follows a board packet's progress without reloading the page (a timed reload would take
// the reader's place and focus away: WCAG 2.2.1). Every few seconds the page is fetched again
// and its status box swapped in; the box is a polite live region, so changes are announced.
(function () {
  "use strict";
  var box = document.querySelector("[data-packet-job]");
  if (!box || box.getAttribute("data-active") !== "true") return;
  var hint = box.querySelector("[data-refresh-hint]");
  if (hint) hint.textContent = "This page follows the progress by itself; you can also leave and come back from Board packets.";
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-packet-job]");
        if (!fresh) return;
        box.innerHTML = fresh.innerHTML;
        box.className = fresh.className;
        var active = fresh.getAttribute("data-active") === "true";
        box.setAttribute("data-active", active ? "true" : "false");
        if (active) {
          var again = box.querySelector("[data-refresh-hint]");
          if (again && hint) again.textContent = hint.textContent;
          window.setTimeout(poll, 3000);
        }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
