/**
 * The page's one script: for each table section (rowsTable.ts) it reads the rows from the
 * section's data island (rowsData.ts) and draws one page of them at a time, sorts over all of them
 * (a header is a button: ascending, then descending on a second click), filters them by text and
 * status, and pages through what matches. It is the same for every report (nothing from a report is
 * in it; it reads the island with `JSON.parse` and writes text only through `textContent` and
 * `setAttribute`, never as markup), so the Content-Security-Policy allows exactly this text by its
 * hash. Without it the table holds its first page, in report order, and a note says so.
 *
 * Sorting: `text` columns compare by UTF-16 code units, the others by their cells' keys; empty keys
 * go last in both directions; ties keep the report's order, so a sort is the same whatever was
 * clicked before. Each column and direction is sorted once and kept. Filtering: the text is split
 * at white space and every word must occur, case-insensitively, in one of the searched columns; the
 * status filter keeps one status. Both go to the first page; a new page size keeps the first row
 * shown on the page shown.
 */
import { KEY_ROTATION_DUE } from "../keyRotationText";
import { STATUS_CLASSES } from "./statusStyle";

/** The script, inlined in a `<script>` element at the end of the body. */
export const TABLE_SCRIPT = `
"use strict";
(function () {
  var STATUS_CLASSES = ${JSON.stringify(STATUS_CLASSES)};
  var KEY_ROTATION_DUE = ${JSON.stringify(KEY_ROTATION_DUE)};
  function count(value) { return value.toLocaleString("en-US"); }
  function appendText(parent, text) { parent.appendChild(document.createTextNode(text)); }
  function appendTime(cell, text, key) {
    if (key === null) { appendText(cell, text); return; }
    var time = document.createElement("time");
    time.setAttribute("datetime", text);
    time.textContent = text;
    cell.appendChild(time);
  }
  function appendSpan(cell, className, text) {
    var span = document.createElement("span");
    span.className = className;
    if (text !== "") span.textContent = text;
    cell.appendChild(span);
  }
  // One cell, as rowsTable.ts's cellHtml writes it.
  function drawCell(column, value) {
    var cell = document.createElement("td");
    if (column.className) cell.className = column.className;
    if (column.kind === "text") { if (value !== "") appendText(cell, value); return cell; }
    var text = value[0];
    var key = value[1];
    if (column.kind === "time") appendTime(cell, text, key);
    else if (column.kind === "window") {
      if (text === null) appendText(cell, "none");
      else { appendText(cell, "from "); appendTime(cell, text, key); }
    } else if (column.kind === "status") {
      appendSpan(cell, "dot " + STATUS_CLASSES[key === null ? STATUS_CLASSES.length - 1 : key], "");
      if (text !== "") appendText(cell, text);
    } else if (column.kind === "keyRotation" && value[2] === 1) {
      appendSpan(cell, "key-due", KEY_ROTATION_DUE);
      if (text.length > KEY_ROTATION_DUE.length) appendText(cell, text.slice(KEY_ROTATION_DUE.length));
    } else if (text !== "") appendText(cell, text);
    return cell;
  }

  function setUp(section) {
    var id = section.getAttribute("data-table");
    var table = document.getElementById(id);
    var island = document.getElementById(id + "-data");
    if (!table || !island) return;
    var data = JSON.parse(island.textContent);
    var columns = data.columns;
    var rows = data.rows;
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    function control(name) { return section.querySelector('[data-control="' + name + '"]'); }
    var filter = control("filter");
    var facet = control("facet");
    var pageSize = control("page-size");
    var pageInput = control("page");
    var pageCount = control("page-count");
    var shown = control("shown");
    var noScript = control("no-script");
    var pageButtons = {};
    Array.prototype.forEach.call(section.querySelectorAll("[data-page]"), function (button) {
      pageButtons[button.getAttribute("data-page")] = button;
    });
    var facetColumn = facet === null ? -1 : columns.findIndex(function (column) {
      return column.id === facet.getAttribute("data-column");
    });
    var reportOrder = rows.map(function (row, index) { return index; });
    var sorted = {};
    var haystacks = null;
    var state = { column: -1, direction: 1, words: [], facet: null, size: Number(pageSize.value), page: 0 };

    function sortedBy(column, direction) {
      var name = column + (direction > 0 ? "+" : "-");
      if (sorted[name]) return sorted[name];
      var numeric = columns[column].kind !== "text";
      var keys = rows.map(function (row) {
        var key = numeric ? row[column + 1][1] : row[column + 1];
        return key === "" ? null : key;
      });
      sorted[name] = reportOrder.slice().sort(function (a, b) {
        var keyA = keys[a];
        var keyB = keys[b];
        if ((keyA === null) !== (keyB === null)) return keyA === null ? 1 : -1;
        if (keyA === null || keyA === keyB) return a - b;
        return direction * (keyA < keyB ? -1 : 1);
      });
      return sorted[name];
    }
    function haystack(index) {
      if (haystacks === null) {
        haystacks = rows.map(function (row) {
          var texts = [];
          columns.forEach(function (column, position) {
            var value = row[position + 1];
            if (column.search) texts.push(typeof value === "string" ? value : value[0] || "");
          });
          return texts.join("\\n").toLowerCase();
        });
      }
      return haystacks[index];
    }
    function matches(index) {
      if (state.facet !== null && rows[index][facetColumn + 1][1] !== state.facet) return false;
      var text = state.words.length === 0 ? "" : haystack(index);
      return state.words.every(function (word) { return text.indexOf(word) !== -1; });
    }
    function draw(indices) {
      var fragment = document.createDocumentFragment();
      indices.forEach(function (index) {
        var row = rows[index];
        var line = document.createElement("tr");
        line.setAttribute("data-urn", row[0]);
        line.setAttribute("data-index", String(index));
        columns.forEach(function (column, position) {
          line.appendChild(drawCell(column, row[position + 1]));
        });
        fragment.appendChild(line);
      });
      body.textContent = "";
      body.appendChild(fragment);
    }
    function update() {
      var order = state.column < 0 ? reportOrder : sortedBy(state.column, state.direction);
      var filtered = state.words.length > 0 || state.facet !== null;
      var visible = filtered ? order.filter(matches) : order;
      var size = state.size > 0 ? state.size : Math.max(visible.length, 1);
      var pages = Math.max(1, Math.ceil(visible.length / size));
      state.page = Math.min(Math.max(state.page, 0), pages - 1);
      var start = state.page * size;
      var page = visible.slice(start, start + size);
      draw(page);
      pageInput.value = String(state.page + 1);
      pageInput.max = String(pages);
      pageCount.textContent = "of " + count(pages);
      pageButtons.first.disabled = pageButtons.previous.disabled = state.page === 0;
      pageButtons.next.disabled = pageButtons.last.disabled = state.page >= pages - 1;
      var all = filtered ? " matching (" + count(rows.length) + " in all)" : "";
      shown.textContent = visible.length === 0
        ? "No row matches (" + count(rows.length) + " in all)"
        : "Rows " + count(start + 1) + "–" + count(start + page.length) + " of " + count(visible.length) + all;
    }
    function goTo(page) { state.page = page; update(); }

    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = header.textContent;
      button.title = "Sort by " + header.textContent;
      button.addEventListener("click", function () {
        var descending = header.getAttribute("aria-sort") === "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        state.column = column;
        state.direction = descending ? -1 : 1;
        goTo(0);
      });
      header.textContent = "";
      header.appendChild(button);
    });
    filter.addEventListener("input", function () {
      state.words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
      goTo(0);
    });
    if (facet !== null) {
      facet.addEventListener("change", function () {
        state.facet = facet.value === "" ? null : Number(facet.value);
        goTo(0);
      });
    }
    pageSize.addEventListener("change", function () {
      var first = state.page * (state.size > 0 ? state.size : 0);
      state.size = pageSize.value === "all" ? 0 : Number(pageSize.value);
      goTo(state.size > 0 ? Math.floor(first / state.size) : 0);
    });
    pageInput.addEventListener("change", function () {
      var page = Math.floor(Number(pageInput.value));
      goTo(Number.isFinite(page) ? page - 1 : state.page);
    });
    pageButtons.first.addEventListener("click", function () { goTo(0); });
    pageButtons.previous.addEventListener("click", function () { goTo(state.page - 1); });
    pageButtons.next.addEventListener("click", function () { goTo(state.page + 1); });
    pageButtons.last.addEventListener("click", function () { goTo(Infinity); });

    update();
    control("toolbar").hidden = false;
    if (noScript !== null) noScript.hidden = true;
  }

  Array.prototype.forEach.call(document.querySelectorAll("section.rows[data-table]"), setUp);
})();
`;
