/**
 * Property: whatever text a report holds in any field — markup, quotes, `</script>`, references,
 * CR, NUL, lone surrogates, U+2028/U+2029, any unicode — the page keeps it inside its own text node
 * or attribute, or inside its string in a table's data island. The page is read back with the
 * strict reader (fixtures/htmlTree.ts), which refuses anything but the markup the renderer writes;
 * then every value must read back as itself, in its place (in an island exactly, lone surrogates
 * too: JSON carries them), and the page must hold no element, attribute, style or script the
 * renderer does not write itself.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { keyRotationText } from "../../report/keyRotationText";
import {
  REPORT_FORMAT_VERSION,
  STATUSES,
  type KeyRow,
  type Report,
  type ReportRow,
} from "../../report/model";
import { renderHtmlPage } from "../../report/html/page";
import type { RowsData } from "../../report/html/rowsData";
import { fleetReport } from "./fixtures/htmlReports";
import {
  attribute,
  byId,
  byName,
  findAll,
  findOne,
  parseHtml,
  textOf,
  type HtmlElement,
} from "./fixtures/htmlTree";

/** Pieces that have broken escaping somewhere before. */
const HOSTILE_PIECES = [
  "<",
  ">",
  "&",
  '"',
  "'",
  "\r",
  "\r\n",
  "\0",
  "\ud800",
  "\udfff",
  "</script>",
  "<script>alert(1)</script>",
  "<!--",
  "-->",
  "]]>",
  "&amp;",
  "&#x3C;",
  "&lt",
  '" onmouseover="alert(1)',
  "<svg onload=alert(1)>",
  "</title>",
  "</text></svg><img src=x>",
  "javascript:",
  "\u2028",
  "\u2029",
  "<!--<script>",
  "\\u003c/script>",
  "证书",
  "🔐",
];

const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 4 })), {
      maxLength: 6,
    })
    .map((pieces) => pieces.join("")),
);

/** A time: mostly real ones (so bars are drawn), sometimes any text. */
const timeText = fc.oneof(
  { weight: 3, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
  { weight: 1, arbitrary: hostileText },
);

/** The key fields of a row or key: times, hours, and a rotation state known or not. */
function keyFactsArbitraries() {
  return {
    keyCreatedAt: fc.option(timeText, { nil: undefined }),
    keyRotateAfterHours: fc.option(fc.nat(), { nil: undefined }),
    keyRotationDue: fc.option(timeText, { nil: undefined }),
    keyRotation: fc.option(fc.oneof(fc.constantFrom("due", "scheduled"), hostileText), {
      nil: undefined,
    }),
  };
}

const keyArbitrary = fc.record(
  {
    stack: hostileText,
    name: hostileText,
    urn: hostileText,
    type: hostileText,
    door: hostileText,
    fingerprint: fc.option(hostileText, { nil: undefined }),
    ...keyFactsArbitraries(),
  },
  { requiredKeys: ["stack", "name", "urn", "type", "door"] },
);

const rowArbitrary = fc.record(
  {
    stack: fc.nat(2),
    name: hostileText,
    urn: hostileText,
    type: hostileText,
    door: hostileText,
    kind: hostileText,
    vendor: hostileText,
    subject: hostileText,
    serial: fc.option(hostileText, { nil: undefined }),
    notBefore: fc.option(timeText, { nil: undefined }),
    notAfter: timeText,
    daysLeft: fc.double(),
    renewalWindowStart: fc.option(timeText, { nil: undefined }),
    status: fc.oneof(fc.constantFrom(...STATUSES), hostileText),
    keyUrn: fc.option(hostileText, { nil: undefined }),
    ...keyFactsArbitraries(),
  },
  {
    requiredKeys: [
      "stack",
      "name",
      "urn",
      "type",
      "door",
      "kind",
      "vendor",
      "subject",
      "notAfter",
      "daysLeft",
      "status",
    ],
  },
);

const reportArbitrary = fc
  .record({
    stacks: fc.tuple(hostileText, hostileText, hostileText),
    generatedAt: timeText,
    warnWithinHours: fc.double(),
    sources: fc.array(fc.record({ stack: hostileText, from: hostileText, rows: fc.nat() }), {
      maxLength: 3,
    }),
    rows: fc.array(rowArbitrary, { maxLength: 6 }),
    keys: fc.option(fc.array(keyArbitrary, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map(({ stacks, rows, keys, ...rest }): Report => ({
    formatVersion: REPORT_FORMAT_VERSION,
    ...rest,
    ...(keys === undefined ? {} : { keys: keys as unknown as KeyRow[] }),
    // Rows share stacks (three names), as a real report's do; the model's unions are only
    // types: a report read from elsewhere may hold any text there.
    rows: rows.map((row) => ({ ...row, stack: stacks[row.stack] }) as unknown as ReportRow),
  }));

/** What a browser shows for `value`: lone surrogates and NUL cannot be carried, so read U+FFFD. */
function shown(value: string): string {
  return value.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\0/g,
    "\ufffd",
  );
}

/** The elements and attributes the renderer writes; anything else came from a report's text. */
const ELEMENTS = new Set(
  "html head meta title style body header h1 h2 p br strong span time ul li code main figure svg defs pattern rect linearGradient stop mask g text line path section div label input select option button table thead tbody tr th td details summary script"
    .toLowerCase()
    .split(" "),
);
const ATTRIBUTES = new Set(
  "lang charset http-equiv content name class id datetime xmlns width height viewbox role aria-label aria-hidden aria-sort scope x y x1 x2 y1 y2 d rx mask fill fill-opacity offset stop-color stop-opacity patternunits patterntransform maskcontentunits text-anchor data-time data-time-start data-time-end data-x-start data-x-end data-stack data-urn data-status data-status-count data-column data-sort-type data-index data-table data-control data-page type placeholder autocomplete spellcheck min value selected hidden title aria-live data-bucket data-y-max data-y-top data-y-base data-start data-end data-total data-count stroke stroke-width stroke-dasharray"
    .toLowerCase()
    .split(" "),
);

function fieldsOfTableLine(line: HtmlElement): string[] {
  return findAll(line, byName("td")).map(textOf);
}

/** The page's script: the `<script>` with no type (the data islands have one). */
function pageScript(page: HtmlElement): HtmlElement {
  return findOne(
    page,
    (element) => element.name === "script" && !element.attributes.has("type"),
    "the page's script",
  );
}

/**
 * A table's data island, read as the browser would hand it to the script: the strict reader takes
 * the element's text up to the first `</script>`, so a value that closed it would break the JSON.
 */
function islandOf(page: HtmlElement, table: string): RowsData {
  const island = findOne(page, byId(`${table}-data`), `#${table}-data`);
  assert.equal(attribute(island, "type"), "application/json");
  const text = textOf(island);
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/, "no raw <, >, &, U+2028 or U+2029");
  return JSON.parse(text) as RowsData;
}

/** A time cell as the island holds it: the text and its instant, or null when not a time. */
function timeCell(value: string | undefined): [string, number | null] {
  const epoch = value === undefined ? NaN : Date.parse(value);
  return [value ?? "", Number.isFinite(epoch) ? epoch : null];
}

/** The key-rotation cell as the island holds it (what keyRotationText says, and its sort key). */
function keyRotationCell(facts: Partial<KeyRow>): unknown[] {
  const words = keyRotationText(facts);
  if (words === undefined) return ["", null];
  const due = facts.keyRotation === "due";
  const epoch = facts.keyRotationDue === undefined ? NaN : Date.parse(facts.keyRotationDue);
  const key = Number.isFinite(epoch) ? epoch : due ? 0 : null;
  return due ? [words, key, 1] : [words, key];
}

describe("report HTML page: escaping (property)", () => {
  it("keeps arbitrary text in every field inside its own text node or attribute", () => {
    const reference = parseHtml(renderHtmlPage(fleetReport()));
    const referenceStyle = textOf(findOne(reference, byName("style"), "<style>"));
    const referenceScript = textOf(pageScript(reference));
    fc.assert(
      fc.property(reportArbitrary, (report) => {
        const page = parseHtml(renderHtmlPage(report));
        const elements = findAll(page, () => true);
        for (const element of elements) {
          assert.ok(
            ELEMENTS.has(element.name),
            `an element the renderer never writes: <${element.name}>`,
          );
          for (const name of element.attributes.keys()) {
            assert.ok(
              ATTRIBUTES.has(name.toLowerCase()),
              `an attribute the renderer never writes: ${name}`,
            );
          }
        }
        assert.equal(textOf(findOne(page, byName("style"), "<style>")), referenceStyle);
        assert.equal(textOf(pageScript(page)), referenceScript);

        // The keys' table: every key, every field, read back as itself.
        const keys = report.keys ?? [];
        const keyLines =
          keys.length === 0
            ? []
            : findAll(
                findOne(findOne(page, byId("keys"), "#keys"), byName("tbody"), "tbody"),
                byName("tr"),
              );
        assert.deepEqual(
          keyLines.map((line) => [attribute(line, "data-urn"), ...fieldsOfTableLine(line)]),
          keys.map((key) =>
            [
              key.urn,
              key.stack,
              key.name,
              key.fingerprint ?? "",
              key.keyCreatedAt ?? "",
              keyRotationText(key) ?? "",
            ].map(shown),
          ),
        );
        if (keys.length > 0) {
          assert.deepEqual(
            islandOf(page, "keys").rows,
            keys.map((key) => [
              key.urn,
              key.stack,
              key.name,
              key.fingerprint ?? "",
              timeCell(key.keyCreatedAt),
              keyRotationCell(key),
            ]),
          );
        }

        if (report.rows.length === 0) {
          findOne(page, byId("empty"), "#empty");
          return;
        }
        // The table: every row, every field, read back as itself.
        const lines = findAll(
          findOne(findOne(page, byId("certificates"), "#certificates"), byName("tbody"), "tbody"),
          byName("tr"),
        );
        assert.equal(lines.length, report.rows.length);
        report.rows.forEach((row, index) => {
          assert.equal(attribute(lines[index], "data-urn"), shown(row.urn));
          assert.deepEqual(
            fieldsOfTableLine(lines[index]),
            [
              row.stack,
              row.name,
              row.type,
              row.vendor,
              row.subject,
              row.serial ?? "",
              row.notBefore ?? "",
              row.notAfter,
              Number.isFinite(row.daysLeft) ? row.daysLeft.toFixed(1) : String(row.daysLeft),
              row.renewalWindowStart === undefined ? "none" : `from ${row.renewalWindowStart}`,
              row.status,
              row.keyCreatedAt ?? "",
              keyRotationText(row) ?? "",
            ].map(shown),
          );
        });
        // The island: every row, every field, exactly (lone surrogates too), with its sort key.
        const statusRank = (status: string) => {
          const rank = (STATUSES as readonly string[]).indexOf(status);
          return rank === -1 ? STATUSES.length : rank;
        };
        assert.deepEqual(
          islandOf(page, "certificates").rows,
          report.rows.map((row) => [
            row.urn,
            row.stack,
            row.name,
            row.type,
            row.vendor,
            row.subject,
            row.serial ?? "",
            timeCell(row.notBefore),
            timeCell(row.notAfter),
            [
              Number.isFinite(row.daysLeft) ? row.daysLeft.toFixed(1) : String(row.daysLeft),
              // JSON has no -0: it reads back as 0, which sorts the same.
              Number.isFinite(row.daysLeft) ? row.daysLeft + 0 : null,
            ],
            row.renewalWindowStart === undefined ? [null, null] : timeCell(row.renewalWindowStart),
            [row.status, statusRank(row.status)],
            timeCell(row.keyCreatedAt),
            keyRotationCell(row),
          ]),
        );
        // The chart: a bar for each row with a readable not-after, in its stack's group, its
        // tooltip naming it.
        const plotted = report.rows.filter((row) => Number.isFinite(Date.parse(row.notAfter)));
        const bars = findAll(page, byName("g", "bar"));
        assert.deepEqual(
          bars.map((bar) => attribute(bar, "data-urn")).sort(),
          plotted.map((row) => shown(row.urn)).sort(),
        );
        // Stacks in the order their first row comes, each group's bars in report order.
        const stacks = [...new Set(plotted.map((row) => row.stack))];
        const groups = findAll(page, byName("g", "group"));
        assert.deepEqual(
          groups.map((group) => attribute(group, "data-stack")),
          stacks.map(shown),
        );
        groups.forEach((group, index) => {
          const rows = plotted.filter((row) => row.stack === stacks[index]);
          const groupBars = findAll(group, byName("g", "bar"));
          assert.deepEqual(
            groupBars.map((bar) => attribute(bar, "data-urn")),
            rows.map((row) => shown(row.urn)),
          );
          groupBars.forEach((bar, position) => {
            const row = rows[position];
            assert.equal(attribute(bar, "data-status"), shown(row.status));
            assert.equal(
              textOf(findOne(bar, byName("title"), "tooltip")),
              [
                `${row.name} (${row.type})`,
                `subject: ${row.subject}`,
                `not after: ${row.notAfter}`,
                `days left: ${Number.isFinite(row.daysLeft) ? row.daysLeft.toFixed(1) : String(row.daysLeft)}`,
                `status: ${row.status}`,
              ]
                .map(shown)
                .join("\n"),
            );
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the histogram of a large report (over 200 rows) to counts and dates, whatever the rows hold", () => {
    const largeArbitrary = fc
      .record({
        stacks: fc.tuple(hostileText, hostileText, hostileText),
        generatedAt: timeText,
        warnWithinHours: fc.double(),
        rows: fc.array(rowArbitrary, { minLength: 210, maxLength: 230 }),
        // The first 205 rows expire at a real date (any JavaScript date), so the chart is a histogram.
        dates: fc.array(fc.date({ noInvalidDate: true }), { minLength: 205, maxLength: 205 }),
      })
      .map(({ stacks, rows, dates, ...rest }): Report => ({
        formatVersion: REPORT_FORMAT_VERSION,
        sources: [],
        ...rest,
        rows: rows.map(
          (row, index) =>
            ({
              ...row,
              stack: stacks[row.stack],
              ...(index < dates.length ? { notAfter: dates[index].toISOString() } : {}),
            }) as unknown as ReportRow,
        ),
      }));
    fc.assert(
      fc.property(largeArbitrary, (report) => {
        const page = parseHtml(renderHtmlPage(report));
        for (const element of findAll(page, () => true)) {
          assert.ok(ELEMENTS.has(element.name), `<${element.name}>`);
          for (const name of element.attributes.keys()) {
            assert.ok(ATTRIBUTES.has(name.toLowerCase()), `an attribute: ${name}`);
          }
        }
        const plotted = report.rows.filter((row) => Number.isFinite(Date.parse(row.notAfter)));
        assert.ok(plotted.length > 200, `${plotted.length} rows on the chart`);
        assert.deepEqual(findAll(page, byName("g", "bar")), []);
        const rects = findAll(page, byName("rect", "span"));
        const counted = new Map<string, number>();
        for (const rect of rects) {
          const status = attribute(rect, "data-status");
          counted.set(status, (counted.get(status) ?? 0) + Number(attribute(rect, "data-count")));
        }
        const expected = new Map<string, number>();
        for (const row of plotted) {
          const status = (STATUSES as readonly string[]).includes(row.status)
            ? row.status
            : "other";
          expected.set(status, (expected.get(status) ?? 0) + 1);
        }
        assert.deepEqual(
          [...counted].sort(),
          [...expected].sort(),
          "every row counted once, under its status or other",
        );
        // Only dates and counts: no text of any row is on the chart.
        for (const bucket of findAll(page, byName("g", "bucket"))) {
          assert.match(
            textOf(findOne(bucket, byName("title"), "title")),
            /^[-\w –]+: [\d,]+ certificates? (and|or) tokens?(, [\d,]+ (expired|renewal due|expiring|ok|other))+$/,
          );
        }
      }),
      { numRuns: 25 },
    );
  });
});
