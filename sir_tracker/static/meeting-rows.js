// "Add more rows" on the meeting form without a page reload: three blank rows are copied from
// the list's last row, numbered on. Without this script the button asks the server, which
// shows the form again with three more rows; both send the same field names.
(function () {
  "use strict";
  var ROWS_ADDED = 3;
  var form = document.querySelector("form.meeting-form");
  if (!form) return;

  function renumber(element, list, from, to) {
    var pattern = new RegExp("^" + list + "-" + from + "-");
    ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
      var value = element.getAttribute(attribute);
      if (value && pattern.test(value)) {
        element.setAttribute(attribute, value.replace(pattern, list + "-" + to + "-"));
      }
    });
  }

  function blankRow(template, list, from, to) {
    var row = template.cloneNode(true);
    row.querySelectorAll(".usa-error-message").forEach(function (message) { message.remove(); });
    row.querySelectorAll("input, select, textarea, label").forEach(function (element) {
      renumber(element, list, from, to);
      element.removeAttribute("aria-describedby");
      element.classList.remove("usa-input--error");
      if (element.tagName === "LABEL") {
        element.textContent = element.textContent.replace(/\d+(?=:)/, String(to + 1));
      } else if (element.type === "checkbox") {
        element.checked = false;
      } else if (element.tagName === "SELECT") {
        element.selectedIndex = 0;
      } else {
        element.value = "";
      }
    });
    var number = row.querySelector("th[scope=row]");
    if (number) number.textContent = String(to + 1);
    return row;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=more]");
    if (!button) return;
    var list = button.value;
    var table = button.previousElementSibling;
    var body = table && table.tBodies[0];
    // The server keeps at most data-max-rows rows a list; at the cap it says so itself.
    var room = (parseInt(form.getAttribute("data-max-rows"), 10) || Infinity) - (body ? body.rows.length : 0);
    if (!body || !body.rows.length || room <= 0) return;  // let the server answer
    event.preventDefault();
    var template = body.rows[body.rows.length - 1];
    var last = body.rows.length - 1;
    var first = null;
    for (var i = 1; i <= Math.min(ROWS_ADDED, room); i += 1) {
      var row = blankRow(template, list, last, last + i);
      body.appendChild(row);
      first = first || row;
    }
    var focus = first.querySelector("input, select, textarea");
    if (focus) focus.focus();
  });
})();
