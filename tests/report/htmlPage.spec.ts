/**
 * The page of `certplane report --html` (report/html/page.ts), read back with a strict HTML reader:
 * the chart's bars, groups, scale, renewal windows and today line; the table's first page, its
 * toolbar and its rows as data; the keys' table; the empty report; the page's self-containment and
 * its Content-Security-Policy; a 10,000-row report (its first page drawn, every row as data).
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import type { KeyRow, Report, ReportRow } from "../../report/model";
import type { RowsData } from "../../report/html/rowsData";
import { renderHtmlPage } from "../../report/html/page";
import {
  emptyReport,
  fleetReport,
  GENERATED_AT,
  largeReport,
  reportOf,
  rowOf,
  XSS_SUBJECT,
} from "./fixtures/htmlReports";
import {
  attribute,
  byId,
  byName,
  childElements,
  findAll,
  findOne,
  parseHtml,
  textOf,
  type HtmlElement,
} from "./fixtures/htmlTree";
import { assertNear, exposedX } from "./fixtures/chartScale";

/** The chart's scale as the page exposes it, and the x it gives an RFC 3339 time. */
function exposedScale(chart: HtmlElement): (time: string) => number {
  const x = exposedX(chart);
  return (time) => x(Date.parse(time));
}

function barsOf(root: HtmlElement): HtmlElement[] {
  return findAll(root, byName("g", "bar"));
}

/** The page's script: the `<script>` with no type (the data islands have one). */
function pageScript(root: HtmlElement): HtmlElement {
  return findOne(
    root,
    (element) => element.name === "script" && !element.attributes.has("type"),
    "the page's script",
  );
}

/** A table's rows as data: its island, read as the page's script reads it. */
function islandOf(root: HtmlElement, table: string): RowsData {
  const island = findOne(root, byId(`${table}-data`), `script#${table}-data`);
  assert.equal(attribute(island, "type"), "application/json");
  return JSON.parse(textOf(island)) as RowsData;
}

/** The tbody's lines of `table`. */
function linesOf(root: HtmlElement, table: string): HtmlElement[] {
  const element = findOne(root, byId(table), `table#${table}`);
  return findAll(findOne(element, byName("tbody"), "tbody"), byName("tr"));
}

/** The element of `section` whose `data-control` is `name`. */
function controlOf(section: HtmlElement, name: string): HtmlElement {
  return findOne(
    section,
    (element) => element.attributes.get("data-control") === name,
    `[data-control=${name}]`,
  );
}

const epoch = (time: string) => Date.parse(time);

function rowByName(report: Report, name: string): ReportRow {
  const row = report.rows.find((candidate) => candidate.name === name);
  assert.ok(row, `fixture row ${name}`);
  return row;
}

describe("report HTML page (report/html/page)", () => {
  const report = fleetReport();
  let html: string;
  let page: HtmlElement;
  let chart: HtmlElement;

  before(() => {
    html = renderHtmlPage(report);
    page = parseHtml(html);
    chart = findOne(page, byId("timeline"), "svg#timeline");
  });

  it("draws one bar per row, each named by its URN and status", () => {
    const bars = barsOf(page);
    assert.deepEqual(
      bars.map((bar) => attribute(bar, "data-urn")).sort(),
      report.rows.map((row) => row.urn).sort(),
    );
    for (const row of report.rows) {
      const bar = bars.find((candidate) => attribute(candidate, "data-urn") === row.urn)!;
      assert.equal(attribute(bar, "data-status"), row.status);
    }
    assert.equal(chart.name, "svg");
  });

  it("groups the bars by stack, soonest not-after first, with the stack's name as the label", () => {
    const groups = findAll(chart, byName("g", "group"));
    assert.deepEqual(
      groups.map((group) => attribute(group, "data-stack")),
      ["acme/network/staging", "acme/payments/prod", "acme/edge/dev"],
    );
    for (const group of groups) {
      const stack = attribute(group, "data-stack");
      assert.equal(textOf(findOne(group, byName("text", "stack"), "stack label")), stack);
      assert.deepEqual(
        barsOf(group).map((bar) => attribute(bar, "data-urn")),
        report.rows.filter((row) => row.stack === stack).map((row) => row.urn),
        `the bars of ${stack}, in report order`,
      );
    }
    // Groups stack downwards without overlapping: each starts below the previous one's last bar.
    const spans = groups.map((group) =>
      findAll(group, byName("rect", "span")).map((rect) => Number(attribute(rect, "y"))),
    );
    for (let index = 1; index < spans.length; index += 1) {
      assert.ok(Math.min(...spans[index]) > Math.max(...spans[index - 1]));
    }
  });

  it("draws each bar from not-before to not-after on the scale it exposes", () => {
    const x = exposedScale(chart);
    assert.equal(attribute(chart, "data-x-start"), "260");
    assert.equal(attribute(chart, "data-x-end"), "1172");
    for (const row of report.rows) {
      const bar = barsOf(chart).find((candidate) => attribute(candidate, "data-urn") === row.urn)!;
      const span = findOne(bar, byName("rect", "span"), `the span of ${row.name}`);
      const left = Number(attribute(span, "x"));
      const right = left + Number(attribute(span, "width"));
      assertNear(right, x(row.notAfter), `${row.name} ends at not-after`);
      if (row.notBefore === undefined) {
        assert.equal(left, Number(attribute(chart, "data-x-start")), `${row.name} open start`);
        assert.equal(attribute(span, "mask"), "url(#open-start)");
        findOne(bar, byName("path", "open"), `the open-start marker of ${row.name}`);
      } else {
        assertNear(left, x(row.notBefore), `${row.name} starts at not-before`);
        assert.equal(span.attributes.get("mask"), undefined);
        assert.deepEqual(findAll(bar, byName("path", "open")), []);
      }
    }
  });

  it("hatches the renewal window, from its start to not-after, for exactly the rows that have one", () => {
    const x = exposedScale(chart);
    const withWindow = report.rows.filter((row) => row.renewalWindowStart !== undefined);
    assert.equal(withWindow.length, 7);
    for (const row of report.rows) {
      const bar = barsOf(chart).find((candidate) => attribute(candidate, "data-urn") === row.urn)!;
      const windows = findAll(bar, byName("rect", "win"));
      if (row.renewalWindowStart === undefined) {
        assert.deepEqual(windows, [], `${row.name} has no renewal window`);
        continue;
      }
      assert.equal(windows.length, 1, `${row.name} has one renewal window`);
      const left = Number(attribute(windows[0], "x"));
      const span = findOne(bar, byName("rect", "span"), "span");
      const spanLeft = Number(attribute(span, "x"));
      // A window opening before the bar's drawn start (an open start) is cut at the bar.
      assertNear(left, Math.max(spanLeft, x(row.renewalWindowStart)), `${row.name} window start`);
      assertNear(left + Number(attribute(windows[0], "width")), x(row.notAfter), `${row.name} end`);
    }
    const pattern = findOne(chart, byId("renewal-window"), "the hatch pattern");
    assert.equal(pattern.name, "pattern");
  });

  it("draws the today line at generatedAt, labelled with the date", () => {
    const today = findOne(chart, byId("today"), "g#today");
    assert.equal(attribute(today, "data-time"), String(Date.parse(GENERATED_AT)));
    const line = findOne(today, byName("line"), "the today line");
    const expected = exposedScale(chart)(GENERATED_AT);
    assertNear(Number(attribute(line, "x1")), expected, "x1");
    assert.equal(attribute(line, "x2"), attribute(line, "x1"));
    assert.equal(attribute(line, "y1"), "0");
    assert.equal(attribute(line, "y2"), attribute(chart, "height"));
    const axis = findOne(page, byId("timeline-axis"), "svg#timeline-axis");
    assert.equal(
      textOf(findOne(axis, byName("text", "today-label"), "label")),
      "today · 1 Mar 2026",
    );
  });

  it("dates the axis every six months over this fleet's three years, with gridlines", () => {
    const axis = findOne(page, byId("timeline-axis"), "svg#timeline-axis");
    const labels = findAll(axis, byName("text", "tick")).map(textOf);
    assert.deepEqual(labels, ["Jan 2025", "Jul", "Jan 2026", "Jul", "Jan 2027", "Jul", "Jan 2028"]);
    const x = exposedScale(chart);
    const grid = findAll(chart, byName("line", "grid"));
    assert.equal(grid.length, labels.length);
    assertNear(Number(attribute(grid[2], "x1")), x("2026-01-01T00:00:00Z"), "Jan 2026 gridline");
    for (const name of ["data-time-start", "data-time-end", "data-x-start", "data-x-end"]) {
      assert.equal(attribute(axis, name), attribute(chart, name), `axis and chart share ${name}`);
    }
  });

  it("gives each bar a tooltip with name, type, subject, not-after, days left and status", () => {
    const row = rowByName(report, "nso-client");
    const bar = barsOf(chart).find((candidate) => attribute(candidate, "data-urn") === row.urn)!;
    assert.equal(
      textOf(childElements(bar)[0]),
      [
        "nso-client (certplane:pca:SignedCertificate)",
        "subject: CN=nso-client,OU=Automation,O=Acme Networks,C=DE",
        "not after: 2026-03-11T00:00:00Z",
        "days left: 10.0",
        "status: renewal due",
      ].join("\n"),
    );
    assert.equal(childElements(bar)[0].name, "title");
  });

  it("lists every row in the table, in report order, with every field", () => {
    const table = findOne(page, byId("certificates"), "table#certificates");
    const headings = findAll(table, byName("th"));
    assert.deepEqual(headings.map(textOf), [
      "Stack",
      "Name",
      "Type",
      "Vendor",
      "Subject",
      "Serial",
      "Not before",
      "Not after",
      "Days left",
      "Renewal window",
      "Status",
      "Key created",
      "Key rotation",
    ]);
    assert.deepEqual(
      headings.map((heading) => attribute(heading, "data-sort-type")),
      [...Array<string>(6).fill("text"), ...Array<string>(7).fill("number")],
    );
    assert.deepEqual(
      headings.map((heading) => heading.attributes.get("aria-sort")),
      [...Array<undefined>(7).fill(undefined), "ascending", ...Array<undefined>(5).fill(undefined)],
    );
    const lines = linesOf(page, "certificates");
    assert.deepEqual(
      lines.map((line) => [attribute(line, "data-urn"), attribute(line, "data-index")]),
      report.rows.map((row, index) => [row.urn, String(index)]),
    );
    const pat = lines[report.rows.indexOf(rowByName(report, "router-pat"))];
    assert.deepEqual(findAll(pat, byName("td")).map(textOf), [
      "acme/edge/dev",
      "router-pat",
      "certplane:pca:PersonalAccessToken",
      "zitadel",
      "users/router-automation",
      "",
      "",
      "2026-03-04T00:00:00Z",
      "3.0",
      "from 2026-02-25T00:00:00Z",
      "renewal due",
      "",
      "",
    ]);
    assert.deepEqual(
      findAll(pat, byName("td")).map((cell) => cell.attributes.get("class")),
      [
        ...[undefined, undefined, undefined, undefined, "wrap", "wrap"],
        ...["nowrap", "nowrap", "num", "nowrap", "nowrap", "nowrap", "nowrap"],
      ],
    );
    const selfSigned = lines[report.rows.indexOf(rowByName(report, "edge-self-signed"))];
    assert.deepEqual(findAll(selfSigned, byName("td")).map(textOf).slice(5), [
      "271828182845904523536",
      "2025-02-24T00:00:00Z",
      "2026-02-24T00:00:00Z",
      "-5.0",
      "none",
      "expired",
      "",
      "",
    ]);
    assert.deepEqual(
      findAll(selfSigned, byName("time")).map((time) => attribute(time, "datetime")),
      ["2025-02-24T00:00:00Z", "2026-02-24T00:00:00Z"],
    );
    // Everything fits on the first page: no note for readers without JavaScript.
    assert.deepEqual(
      findAll(page, (element) => element.attributes.get("data-control") === "no-script"),
      [],
    );
  });

  it("puts every row in the table's data island, in report order, each cell with its sort key", () => {
    const data = islandOf(page, "certificates");
    assert.deepEqual(data.columns, [
      { id: "stack", kind: "text", search: true },
      { id: "name", kind: "text", search: true },
      { id: "type", kind: "text" },
      { id: "vendor", kind: "text" },
      { id: "subject", kind: "text", className: "wrap", search: true },
      { id: "serial", kind: "text", className: "wrap", search: true },
      { id: "notBefore", kind: "time", className: "nowrap" },
      { id: "notAfter", kind: "time", className: "nowrap" },
      { id: "daysLeft", kind: "number", className: "num" },
      { id: "renewalWindow", kind: "window", className: "nowrap" },
      { id: "status", kind: "status", className: "nowrap" },
      { id: "keyCreatedAt", kind: "time", className: "nowrap" },
      { id: "keyRotation", kind: "keyRotation", className: "nowrap" },
    ]);
    assert.deepEqual(
      data.rows.map((row) => row[0]),
      report.rows.map((row) => row.urn),
    );
    const pat = rowByName(report, "router-pat");
    assert.deepEqual(data.rows[report.rows.indexOf(pat)], [
      pat.urn,
      "acme/edge/dev",
      "router-pat",
      "certplane:pca:PersonalAccessToken",
      "zitadel",
      "users/router-automation",
      "",
      ["", null],
      ["2026-03-04T00:00:00Z", epoch("2026-03-04T00:00:00Z")],
      ["3.0", 3],
      ["2026-02-25T00:00:00Z", epoch("2026-02-25T00:00:00Z")],
      ["renewal due", 1],
      ["", null],
      ["", null],
    ]);
    const selfSigned = rowByName(report, "edge-self-signed");
    assert.deepEqual(data.rows[report.rows.indexOf(selfSigned)].slice(6), [
      "271828182845904523536",
      ["2025-02-24T00:00:00Z", epoch("2025-02-24T00:00:00Z")],
      ["2026-02-24T00:00:00Z", epoch("2026-02-24T00:00:00Z")],
      ["-5.0", -5],
      [null, null],
      ["expired", 0],
      ["", null],
      ["", null],
    ]);
  });

  it("writes the table's toolbar hidden (the script shows it): filter, status with counts, page size, pager", () => {
    const section = findOne(
      page,
      (element) =>
        element.name === "section" && element.attributes.get("data-table") === "certificates",
      "section[data-table=certificates]",
    );
    const toolbar = controlOf(section, "toolbar");
    assert.equal(attribute(toolbar, "hidden"), "");
    const filter = controlOf(section, "filter");
    assert.deepEqual(
      ["type", "placeholder", "aria-label"].map((name) => attribute(filter, name)),
      [
        "search",
        "stack, name, subject, serial",
        "Filter certificates and tokens by stack, name, subject, serial",
      ],
    );
    const facet = controlOf(section, "facet");
    assert.equal(attribute(facet, "data-column"), "status");
    assert.deepEqual(
      findAll(facet, byName("option")).map((option) => [
        attribute(option, "value"),
        textOf(option),
      ]),
      [
        ["", "all (9)"],
        ["0", "expired (2)"],
        ["1", "renewal due (2)"],
        ["2", "expiring (2)"],
        ["3", "ok (3)"],
      ],
    );
    const sizes = findAll(controlOf(section, "page-size"), byName("option"));
    assert.deepEqual(
      sizes.map((option) => [attribute(option, "value"), textOf(option)]),
      [
        ["100", "100"],
        ["250", "250"],
        ["1000", "1,000"],
        ["all", "all"],
      ],
    );
    assert.deepEqual(
      sizes.map((option) => option.attributes.has("selected")),
      [true, false, false, false],
    );
    assert.deepEqual(
      findAll(section, (element) => element.attributes.has("data-page")).map((button) => [
        button.name,
        attribute(button, "type"),
        attribute(button, "data-page"),
        attribute(button, "aria-label"),
      ]),
      [
        ["button", "button", "first", "First page"],
        ["button", "button", "previous", "Previous page"],
        ["button", "button", "next", "Next page"],
        ["button", "button", "last", "Last page"],
      ],
    );
    const shown = controlOf(section, "shown");
    assert.deepEqual(
      [attribute(shown, "role"), attribute(shown, "aria-live")],
      ["status", "polite"],
    );
    assert.equal(attribute(controlOf(section, "page"), "type"), "number");
  });

  it("lists the keys with no certificate in their stack the same way: first page, data, no status filter", () => {
    const keys: KeyRow[] = [
      {
        stack: "acme/partner/prod",
        name: "partner-key",
        urn: "urn:pulumi:prod::partner::certplane:index:CertificateRequest::partner-key",
        type: "certplane:index:CertificateRequest",
        door: "plugin",
        fingerprint: "SHA256:abc",
        keyCreatedAt: "2026-01-01T00:00:00Z",
        keyRotateAfterHours: 720,
        keyRotationDue: "2026-01-31T00:00:00Z",
        keyRotation: "due",
      },
      {
        stack: "acme/partner/prod",
        name: "other-key",
        urn: "urn:pulumi:prod::partner::certplane:index:CertificateRequest::other-key",
        type: "certplane:index:CertificateRequest",
        door: "dynamic",
      },
    ];
    const withKeys = parseHtml(renderHtmlPage({ ...fleetReport(), keys }));
    const lines = linesOf(withKeys, "keys");
    assert.deepEqual(
      lines.map((line) => findAll(line, byName("td")).map(textOf)),
      [
        [
          "acme/partner/prod",
          "partner-key",
          "SHA256:abc",
          "2026-01-01T00:00:00Z",
          "key rotation due since 2026-01-31T00:00:00Z",
        ],
        ["acme/partner/prod", "other-key", "", "", ""],
      ],
    );
    assert.deepEqual(findAll(lines[0], byName("span", "key-due")).map(textOf), [
      "key rotation due",
    ]);
    assert.deepEqual(islandOf(withKeys, "keys").rows, [
      [
        keys[0].urn,
        "acme/partner/prod",
        "partner-key",
        "SHA256:abc",
        ["2026-01-01T00:00:00Z", epoch("2026-01-01T00:00:00Z")],
        ["key rotation due since 2026-01-31T00:00:00Z", epoch("2026-01-31T00:00:00Z"), 1],
      ],
      [keys[1].urn, "acme/partner/prod", "other-key", "", ["", null], ["", null]],
    ]);
    const section = findOne(
      withKeys,
      (element) => element.name === "section" && element.attributes.get("data-table") === "keys",
      "section[data-table=keys]",
    );
    assert.deepEqual(
      findAll(section, (element) => element.attributes.get("data-control") === "facet"),
      [],
    );
    assert.equal(
      attribute(controlOf(section, "filter"), "placeholder"),
      "stack, name, fingerprint",
    );
    assert.deepEqual(
      findAll(section, byName("th")).map((th) => th.attributes.get("aria-sort")),
      [undefined, undefined, undefined, undefined, "ascending"],
    );
  });

  it("keeps hostile text as text: the XSS subject, markup and quotes in a name, unicode", () => {
    const row = report.rows.find((candidate) => candidate.subject === XSS_SUBJECT)!;
    const line = linesOf(page, "certificates").find(
      (tr) => tr.attributes.get("data-urn") === row.urn,
    )!;
    const cells = findAll(line, byName("td")).map(textOf);
    assert.equal(cells[1], `证书 <b>&"quoted'</b> é 🔐`);
    assert.equal(cells[4], XSS_SUBJECT);
    assert.deepEqual(
      findAll(page, byName("script")).map((script) => [
        script.attributes.get("type"),
        script.attributes.get("id"),
      ]),
      [
        ["application/json", "certificates-data"],
        [undefined, undefined],
      ],
    );
    assert.deepEqual(findAll(page, byName("img")), []);
    assert.deepEqual(findAll(page, byName("b")), []);
    assert.ok(html.includes("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    // In the data island the same text is JSON with <, > and & escaped: it cannot end the element.
    const island = textOf(findOne(page, byId("certificates-data"), "the island"));
    assert.ok(
      island.includes(
        String.raw`"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u003cimg src=x onerror=\"alert(2)\"\u003e"`,
      ),
    );
    assert.ok(island.includes(String.raw`"证书 \u003cb\u003e\u0026\"quoted'\u003c/b\u003e é 🔐"`));
    assert.doesNotMatch(island, /[<>&\u2028\u2029]/);
    assert.equal(islandOf(page, "certificates").rows[report.rows.indexOf(row)][5], XSS_SUBJECT);
  });

  it("sums up the rows per status and explains the chart's marks in a legend", () => {
    const counts = findAll(page, (element) => element.attributes.has("data-status-count")).map(
      (element) => [attribute(element, "data-status-count"), textOf(element).trim()],
    );
    assert.deepEqual(counts, [
      ["expired", "2 expired"],
      ["renewal due", "2 renewal due"],
      ["expiring", "2 expiring"],
      ["ok", "3 ok"],
    ]);
    const summary = textOf(findOne(page, byId("summary"), "#summary"));
    assert.ok(
      summary.startsWith(
        "9 certificates and tokens in 3 stacks, as of 2026-03-01T00:00:00Z (expiring: within 30 days)",
      ),
      summary,
    );
    const legend = findOne(page, byId("legend"), "#legend");
    assert.deepEqual(
      findAll(legend, byName("span", "swatch")).map((swatch) => attribute(swatch, "class")),
      [
        "swatch s-expired",
        "swatch s-renewal-due",
        "swatch s-expiring",
        "swatch s-ok",
        "swatch window",
        "swatch today",
        "swatch open",
      ],
    );
  });

  it("is self-contained: no URL to fetch, no event handler or style attribute, one style, one script", () => {
    const elements = findAll(page, () => true);
    for (const element of elements) {
      for (const [name, value] of element.attributes) {
        assert.ok(
          !/^(src|href|srcset|action|formaction|poster|style)$/.test(name),
          `<${element.name} ${name}>`,
        );
        assert.ok(!name.startsWith("on"), `<${element.name} ${name}>`);
        if (name !== "xmlns")
          assert.ok(!/(https?|ftp|data|javascript):/i.test(value), `${name}="${value}"`);
      }
    }
    assert.deepEqual(
      findAll(page, byName("svg")).map((svg) => attribute(svg, "xmlns")),
      ["http://www.w3.org/2000/svg", "http://www.w3.org/2000/svg"],
    );
    const style = findOne(page, byName("style"), "<style>");
    assert.deepEqual(
      [...textOf(style).matchAll(/url\(([^)]*)\)/g)].map((match) => match[1]),
      ["#renewal-window"],
      "the stylesheet only refers to the page's own pattern",
    );
    assert.deepEqual(findAll(page, byName("link")), []);
    assert.deepEqual(findAll(page, byName("img")), []);
  });

  it("allows exactly its own style and script by hash in its Content-Security-Policy", () => {
    const meta = findOne(
      page,
      (element) =>
        element.name === "meta" &&
        element.attributes.get("http-equiv") === "Content-Security-Policy",
      "the CSP meta tag",
    );
    const hash = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");
    const style = textOf(findOne(page, byName("style"), "<style>"));
    const script = textOf(pageScript(page));
    assert.equal(
      attribute(meta, "content"),
      `default-src 'none'; style-src 'sha256-${hash(style)}'; script-src 'sha256-${hash(script)}'; base-uri 'none'; form-action 'none'`,
    );
    // The policy must come before what it governs.
    assert.ok(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"));
  });

  it("says there is nothing to show for an empty report, with no chart and no table", () => {
    const empty = parseHtml(renderHtmlPage(emptyReport()));
    assert.equal(
      textOf(findOne(empty, byId("empty"), "#empty")),
      "Nothing to show: no certificate or token was found in the 2 sources read.",
    );
    assert.deepEqual(findAll(empty, byName("svg")), []);
    assert.deepEqual(findAll(empty, byName("table")), []);
    assert.ok(
      textOf(findOne(empty, byId("summary"), "#summary")).startsWith(
        "0 certificates and tokens in 0 stacks",
      ),
    );
    assert.deepEqual(
      findAll(findOne(empty, byId("sources"), "#sources"), byName("li")).map(textOf),
      [
        "acme/payments/prod — pulumi stack export (0 rows)",
        "exports/staging.json — exports/staging.json (0 rows)",
      ],
    );
  });

  it("keeps a row whose not-after is not a time in the table, off the chart, and says so", () => {
    const good = rowOf({
      stack: "s",
      project: "p",
      name: "good",
      type: "certplane:pca:SignedCertificate",
      door: "plugin",
      kind: "x509-certificate",
      vendor: "pca",
      subject: "CN=good",
      notBeforeDay: -1,
      notAfterDay: 10,
    });
    const broken: ReportRow = {
      ...good,
      name: "broken",
      urn: `${good.urn}-broken`,
      notAfter: "soon",
    };
    const mixed = parseHtml(renderHtmlPage(reportOf([good, broken])));
    assert.deepEqual(
      barsOf(mixed).map((bar) => attribute(bar, "data-urn")),
      [good.urn],
    );
    assert.equal(findAll(mixed, byName("tr")).length, 3);
    assert.deepEqual(islandOf(mixed, "certificates").rows[1].slice(8, 10), [
      ["soon", null],
      [String(good.daysLeft.toFixed(1)), good.daysLeft],
    ]);
    assert.equal(
      textOf(findOne(mixed, byId("unplotted"), "#unplotted")),
      "1 row has no readable not-after: only in the table below.",
    );
    const alone = parseHtml(renderHtmlPage(reportOf([broken])));
    assert.deepEqual(findAll(alone, byName("svg")), []);
    assert.equal(findAll(alone, byName("tr")).length, 2);
  });

  it("renders 10,000 rows (50 stacks × 200): a weekly histogram, the first 100 drawn, all 10,000 as data, under 400 bytes a row", () => {
    const large = largeReport(50, 200);
    const text = renderHtmlPage(large);
    const root = parseHtml(text);
    // Above 200 rows the chart counts rows per week (tests/report/htmlTimelineHistogram.spec.ts).
    assert.deepEqual(barsOf(root), []);
    const buckets = findAll(root, byName("g", "bucket"));
    assert.equal(
      buckets.reduce((sum, bucket) => sum + Number(attribute(bucket, "data-total")), 0),
      10_000,
    );
    assert.equal(attribute(findOne(root, byId("timeline"), "svg#timeline"), "data-bucket"), "week");
    assert.deepEqual(
      linesOf(root, "certificates").map((line) => attribute(line, "data-urn")),
      large.rows.slice(0, 100).map((row) => row.urn),
    );
    assert.deepEqual(
      islandOf(root, "certificates").rows.map((row) => row[0]),
      large.rows.map((row) => row.urn),
    );
    assert.equal(
      textOf(
        findOne(
          root,
          (element) => element.attributes.get("data-control") === "no-script",
          "the note",
        ),
      ),
      "Showing the first 100 of 10,000 certificates and tokens, soonest not-after first. Paging, sorting and filtering need JavaScript; certplane report --json lists every row.",
    );
    const start = text.indexOf('<svg class="plot"');
    const svgBytes = Buffer.byteLength(text.slice(start, text.indexOf("</svg>", start)));
    assert.ok(svgBytes < 60_000, `${svgBytes} bytes of SVG for 10,000 rows`);
    const islandStart = text.indexOf('<script type="application/json"');
    const islandBytes = Buffer.byteLength(
      text.slice(islandStart, text.indexOf("</script>", islandStart)),
    );
    assert.ok(islandBytes / 10_000 < 400, `${islandBytes} bytes of data for 10,000 rows`);
  });
});
