// Follows a report job's progress (a board packet, an LEA report) without reloading the page
// (a timed reload would take the reader's place and focus away: WCAG 2.2.1). Every few seconds
// the page is fetched again and its status box swapped in; the box is a polite live region, so
// changes are announced. A box marked data-download-when-ready starts the download once the
// report is ready, as the person who asked for it expects.
(function () {
  "use strict";
  var box = document.querySelector("[data-packet-job], [data-report-job]");
  if (!box || box.getAttribute("data-active") !== "true") return;
  var following = box.getAttribute("data-following-hint") ||
    "This page follows the progress by itself; you can also leave and come back from Board packets.";
  var every = parseInt(box.getAttribute("data-poll-ms"), 10) || 3000;
  var hint = box.querySelector("[data-refresh-hint]");
  if (hint) hint.textContent = following;
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-packet-job], [data-report-job]");
        if (!fresh) return;
        box.innerHTML = fresh.innerHTML;
        box.className = fresh.className;
        var active = fresh.getAttribute("data-active") === "true";
        box.setAttribute("data-active", active ? "true" : "false");
        if (active) {
          var again = box.querySelector("[data-refresh-hint]");
          if (again) again.textContent = following;
          window.setTimeout(poll, every);
          return;
        }
        var download = box.querySelector("a[data-download]");
        if (download && box.hasAttribute("data-download-when-ready")) window.location.assign(download.href);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, every);
})();
