/**
 * Property: whatever text a report holds in any field — markup, quotes, `</script>`, references,
 * CR, NUL, lone surrogates, any unicode — the page keeps it inside its own text node or attribute.
 * The page is read back with the strict reader (fixtures/htmlTree.ts), which refuses anything but
 * the markup the renderer writes; then every value must read back as itself, in its place, and the
 * page must hold no element, attribute, style or script the renderer does not write itself.
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
  "html head meta title style body header h1 h2 p br strong span time ul li code main figure svg defs pattern rect linearGradient stop mask g text line path table thead tbody tr th td details summary script"
    .toLowerCase()
    .split(" "),
);
const ATTRIBUTES = new Set(
  "lang charset http-equiv content name class id datetime xmlns width height viewbox role aria-label aria-hidden aria-sort scope x y x1 x2 y1 y2 d rx mask fill fill-opacity offset stop-color stop-opacity patternunits patterntransform maskcontentunits text-anchor data-time data-time-start data-time-end data-x-start data-x-end data-stack data-urn data-status data-status-count data-column data-sort-type data-sort data-index"
    .toLowerCase()
    .split(" "),
);

function fieldsOfTableLine(line: HtmlElement): string[] {
  return findAll(line, byName("td")).map(textOf);
}

describe("report HTML page: escaping (property)", () => {
  it("keeps arbitrary text in every field inside its own text node or attribute", () => {
    const reference = parseHtml(renderHtmlPage(fleetReport()));
    const referenceStyle = textOf(findOne(reference, byName("style"), "<style>"));
    const referenceScript = textOf(findOne(reference, byName("script"), "<script>"));
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
        assert.equal(textOf(findOne(page, byName("script"), "<script>")), referenceScript);

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
});
