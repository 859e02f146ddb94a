/**
 * The page's one script: makes each header of the table a button that sorts the table by that
 * column (ascending, then descending on a second click). It is the same for every report (nothing
 * from a report is ever in it; it reads the table's cells), so the Content-Security-Policy can
 * allow exactly this text by its hash. Without it the table is still complete, in report order.
 *
 * A cell sorts by its `data-sort` when it has one, else by its text; number columns
 * (`data-sort-type="number"`) compare numerically; empty keys go last in both directions; ties keep
 * the report's order (`data-index`), so a sort is the same whatever was clicked before.
 */
export const SORT_SCRIPT = `
"use strict";
(function () {
  var table = document.getElementById("certificates");
  if (!table) return;
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(header, column) {
    var descending = header.getAttribute("aria-sort") === "ascending";
    var numeric = header.getAttribute("data-sort-type") === "number";
    var direction = descending ? -1 : 1;
    var keyed = Array.prototype.map.call(body.rows, function (row) {
      var cell = row.cells[column];
      var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      return { row: row, key: numeric && key !== "" ? Number(key) : key, index: Number(row.getAttribute("data-index")) };
    });
    keyed.sort(function (a, b) {
      var aEmpty = a.key === "";
      var bEmpty = b.key === "";
      if (aEmpty !== bEmpty) return aEmpty ? 1 : -1;
      var order = aEmpty ? 0 : numeric ? a.key - b.key : compareText(a.key, b.key);
      return order !== 0 ? direction * order : a.index - b.index;
    });
    // Moved out of the document first: moving 10,000 rows inside it would restyle their
    // siblings (striping by :nth-child) on every move.
    var next = body.nextSibling;
    table.removeChild(body);
    keyed.forEach(function (entry) { body.appendChild(entry.row); });
    table.insertBefore(body, next);
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  headers.forEach(function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = header.textContent;
    button.title = "Sort by " + header.textContent;
    button.addEventListener("click", function () { sortBy(header, column); });
    header.textContent = "";
    header.appendChild(button);
  });
})();
`;
