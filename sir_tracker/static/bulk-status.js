// The bulk status form: the save bar says how many rows hold something not saved yet, and
// applying a filter (which reloads the page and so drops what was typed) asks first. Without
// this script the form works the same; the filter box says in words that filtering drops input.
(function () {
  "use strict";
  var form = document.querySelector("[data-bulk-form]");
  if (!form) { return; }
  var pending = form.querySelector("[data-bulk-pending]");
  var filter = document.querySelector("[data-bulk-filter]");
  var meeting = form.querySelector("select[name=meeting]");

  function rowsFilledIn() {
    var count = 0;
    form.querySelectorAll("[data-bulk-row]").forEach(function (row) {
      var fields = row.querySelectorAll("select, textarea, input[type=url]");
      if (Array.prototype.some.call(fields, function (f) { return f.value.trim() !== ""; })) {
        count += 1;
      }
    });
    return count;
  }

  function update() {
    var count = rowsFilledIn();
    pending.textContent = count === 0 ? "" :
      count + (count === 1 ? " row" : " rows") + " filled in, not saved yet.";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  if (filter) {
    filter.addEventListener("submit", function (event) {
      var count = rowsFilledIn();
      if (count > 0 && !window.confirm(
        count + (count === 1 ? " row holds" : " rows hold") + " changes that are not saved yet. " +
        "Filtering reloads the page and drops them. Filter anyway?")) {
        event.preventDefault();
        return;
      }
      // The meeting chosen here travels with the filter, as the one in the address does.
      var carried = filter.querySelector("input[name=meeting]");
      if (meeting && meeting.value) {
        if (!carried) {
          carried = document.createElement("input");
          carried.type = "hidden";
          carried.name = "meeting";
          filter.appendChild(carried);
        }
        carried.value = meeting.value;
      } else if (carried) {
        carried.remove();
      }
    });
  }
  update();
})();
