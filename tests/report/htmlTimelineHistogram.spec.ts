/**
 * The timeline of a large report (report/html/histogram.ts, histogramBuckets.ts): above
 * PER_ROW_LIMIT rows, a histogram of not-after per day, week, month, quarter or year, stacked by
 * status, with the report's instant and the --warn-within edge marked and the counts as a table.
 * Bucket sizes and edges, counts per status, the marks, the threshold at 200 and 201 rows, a
 * report spanning one day and one spanning ten years, and expired rows before the instant.
 */
import { strict as assert } from "node:assert";
import type { ReportRow } from "../../report/model";
import { renderHtmlPage } from "../../report/html/page";
import { PER_ROW_LIMIT } from "../../report/html/timeline";
import {
  bucketSizeFor,
  histogramOf,
  MAX_BUCKETS,
  warnEdgeOf,
  type Histogram,
} from "../../report/html/histogramBuckets";
import {
  GENERATED_AT,
  largeReport,
  reportOf,
  rowOf,
  WARN_WITHIN_HOURS,
  XSS_SUBJECT,
} from "./fixtures/htmlReports";
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
import { assertNear, exposedX } from "./fixtures/chartScale";

const DAY_MS = 86_400_000;
const NOW = Date.parse(GENERATED_AT);
const epoch = (time: string) => Date.parse(time);

/** `count` rows of one stack, the `index`th expiring `notAfterDay(index)` days from the instant. */
function rowsOf(
  count: number,
  notAfterDay: (index: number) => number,
  earlyRenewalDays?: (index: number) => number | undefined,
): ReportRow[] {
  return Array.from({ length: count }, (_, index) =>
    rowOf({
      stack: "acme/fleet/prod",
      project: "fleet",
      name: `cert-${index}`,
      type: "certplane:pca:SignedCertificate",
      door: "plugin",
      kind: "x509-certificate",
      vendor: "pca",
      subject: `CN=host-${index}`,
      notBeforeDay: notAfterDay(index) - 90,
      notAfterDay: notAfterDay(index),
      earlyRenewalDays: earlyRenewalDays?.(index),
    }),
  );
}

/** The histogram of `rows` at the fixtures' instant and warn-within (asserted to exist). */
function histogramAtNow(rows: ReportRow[], warnWithinHours = WARN_WITHIN_HOURS): Histogram {
  const histogram = histogramOf(rows, NOW, warnWithinHours);
  assert.ok(histogram, "a histogram");
  return histogram;
}

/** A row expiring at `notAfter`, its status as the report computes it at the fixtures' instant. */
function rowAt(notAfter: string, index: number): ReportRow {
  return rowsOf(1, () => (epoch(notAfter) - NOW) / DAY_MS).map((row) => ({
    ...row,
    name: `at-${index}`,
    urn: `${row.urn}-${index}`,
    notAfter,
  }))[0];
}

describe("report HTML page: timeline histogram buckets (report/html/histogramBuckets)", () => {
  it("takes the shortest size with at most 110 buckets: days up to 110, then weeks, months…", () => {
    assert.equal(MAX_BUCKETS, 110);
    const day = (days: number) => NOW + days * DAY_MS;
    assert.equal(bucketSizeFor(NOW, NOW).name, "day");
    assert.equal(bucketSizeFor(NOW, day(109) + DAY_MS - 1).name, "day", "110 days");
    assert.equal(bucketSizeFor(NOW, day(110)).name, "week", "111 days");
    const monday = epoch("2026-03-02T00:00:00Z");
    assert.equal(bucketSizeFor(monday, monday + 110 * 7 * DAY_MS - 1).name, "week", "110 weeks");
    assert.equal(bucketSizeFor(monday, monday + 110 * 7 * DAY_MS).name, "month", "111 weeks");
    const jan = epoch("2026-01-01T00:00:00Z");
    assert.equal(bucketSizeFor(jan, epoch("2035-02-28T23:59:59Z")).name, "month", "110 months");
    assert.equal(bucketSizeFor(jan, epoch("2035-03-01T00:00:00Z")).name, "quarter", "111 months");
    assert.equal(bucketSizeFor(jan, epoch("2150-01-01T00:00:00Z")).name, "2 years");
    // The earliest date is in 271822 BC: its bucket is clamped to it, the next start aligned.
    assert.equal(bucketSizeFor(-8.64e15, 8.64e15).name, "10000 years");
    const widest = histogramOf([rowAt("+275760-09-13T00:00:00Z", 0)], -8.64e15, 0)!;
    assert.deepEqual(
      [widest.buckets.length, widest.buckets[0].start, widest.buckets[1].label],
      [56, -8.64e15, "-270000–-260001"],
    );
    assert.equal(widest.buckets.at(-1)!.end, 8.64e15 + 1);
  });

  it("spans one day in one day bucket, [midnight, next midnight), counted per status", () => {
    const rows = [
      "2026-03-01T00:00:00Z",
      "2026-03-01T12:00:00Z",
      "2026-03-01T23:59:59Z",
      "2026-03-01T23:59:59Z",
    ].map(rowAt);
    assert.deepEqual(
      rows.map((row) => row.status),
      ["expired", "expiring", "expiring", "expiring"],
    );
    const histogram = histogramAtNow(rows, 6);
    assert.equal(histogram.size.name, "day");
    assert.deepEqual(histogram.buckets, [
      {
        start: epoch("2026-03-01T00:00:00Z"),
        end: epoch("2026-03-02T00:00:00Z"),
        label: "2026-03-01",
        counts: { expired: 1, "renewal due": 0, expiring: 3, ok: 0, other: 0 },
        total: 4,
      },
    ]);
    assert.equal(histogram.generatedAt, NOW);
    assert.equal(histogram.warnEdge, epoch("2026-03-01T06:00:00Z"));
    assert.equal(histogram.plotted, 4);
  });

  it("spans ten years in 41 quarters, Q1 2026 to Q1 2036, each starting on its first day", () => {
    const notAfters = ["2026-02-15T00:00:00Z", "2031-07-01T00:00:00Z", "2036-03-01T00:00:00Z"];
    const histogram = histogramAtNow(notAfters.map(rowAt));
    assert.equal(histogram.size.name, "quarter");
    assert.equal(histogram.buckets.length, 41);
    assert.equal(histogram.buckets[0].start, epoch("2026-01-01T00:00:00Z"));
    assert.equal(histogram.buckets.at(-1)!.start, epoch("2036-01-01T00:00:00Z"));
    assert.equal(histogram.buckets.at(-1)!.end, epoch("2036-04-01T00:00:00Z"));
    assert.deepEqual(
      histogram.buckets.slice(0, 5).map((bucket) => bucket.label),
      ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Q1 2027"],
    );
    histogram.buckets.forEach((bucket, index) => {
      const start = new Date(bucket.start);
      assert.equal(start.getUTCMonth() % 3, 0);
      assert.equal(start.getUTCDate(), 1);
      assert.equal(bucket.start % DAY_MS, 0, "at midnight");
      if (index > 0) assert.equal(bucket.start, histogram.buckets[index - 1].end, "contiguous");
    });
    const filled = histogram.buckets.filter((bucket) => bucket.total > 0);
    assert.deepEqual(
      filled.map((bucket) => [bucket.label, bucket.counts]),
      [
        ["Q1 2026", { expired: 1, "renewal due": 0, expiring: 0, ok: 0, other: 0 }],
        ["Q3 2031", { expired: 0, "renewal due": 0, expiring: 0, ok: 1, other: 0 }],
        ["Q1 2036", { expired: 0, "renewal due": 0, expiring: 0, ok: 1, other: 0 }],
      ],
    );
  });

  it("puts a not-after at a bucket's first instant in that bucket, a millisecond earlier in the one before", () => {
    const rows = [
      rowAt("2026-03-09T00:00:00Z", 0),
      { ...rowAt("2026-03-09T00:00:00Z", 1), notAfter: "2026-03-08T23:59:59.999Z" },
      rowAt("2026-09-30T00:00:00Z", 2),
    ];
    const histogram = histogramAtNow(rows);
    assert.equal(histogram.size.name, "week");
    // The week holding the instant (Sunday 1 March 2026) starts on Monday 23 February.
    assert.equal(histogram.buckets[0].start, epoch("2026-02-23T00:00:00Z"));
    const byLabel = new Map(histogram.buckets.map((bucket) => [bucket.label, bucket.total]));
    assert.equal(byLabel.get("week of 2026-03-02"), 1);
    assert.equal(byLabel.get("week of 2026-03-09"), 1);
    assert.equal(byLabel.get("week of 2026-09-28"), 1);
    for (const bucket of histogram.buckets) {
      assert.equal(new Date(bucket.start).getUTCDay(), 1, "weeks start on Mondays");
      assert.equal(bucket.end - bucket.start, 7 * DAY_MS);
    }
  });

  it("counts expired rows before the instant as expired, and a status it does not know as other", () => {
    const rows = [
      ...rowsOf(3, (index) => -40 - index),
      { ...rowAt("2026-03-05T00:00:00Z", 9), status: "<b>paused</b>" as ReportRow["status"] },
      rowAt("2026-03-05T00:00:00Z", 10),
    ];
    const histogram = histogramAtNow(rows);
    assert.equal(histogram.size.name, "day");
    assert.equal(histogram.buckets[0].start, epoch("2026-01-18T00:00:00Z"));
    for (const bucket of histogram.buckets.filter((candidate) => candidate.end <= NOW)) {
      assert.equal(bucket.counts.expired, bucket.total, `${bucket.label}: only expired`);
    }
    assert.deepEqual(
      histogram.buckets
        .filter((bucket) => bucket.total > 0)
        .map((bucket) => [bucket.label, bucket.counts]),
      [
        ["2026-01-18", { expired: 1, "renewal due": 0, expiring: 0, ok: 0, other: 0 }],
        ["2026-01-19", { expired: 1, "renewal due": 0, expiring: 0, ok: 0, other: 0 }],
        ["2026-01-20", { expired: 1, "renewal due": 0, expiring: 0, ok: 0, other: 0 }],
        ["2026-03-05", { expired: 0, "renewal due": 0, expiring: 1, ok: 0, other: 1 }],
      ],
    );
    // The span reaches the warn-within edge (31 March) though no row does.
    assert.equal(histogram.buckets.at(-1)!.label, "2026-03-31");
  });

  it("has a warn-within edge only for a readable instant and a finite, non-negative warn-within", () => {
    assert.equal(warnEdgeOf(NOW, 24), NOW + DAY_MS);
    assert.equal(warnEdgeOf(NOW, 0), NOW);
    assert.equal(warnEdgeOf(undefined, 24), undefined);
    assert.equal(warnEdgeOf(NOW, Number.NaN), undefined);
    assert.equal(warnEdgeOf(NOW, -1), undefined);
    assert.equal(warnEdgeOf(8.64e15, 1), undefined);
    assert.equal(histogramOf([{ ...rowAt(GENERATED_AT, 0), notAfter: "soon" }], NOW, 1), undefined);
  });
});

describe("report HTML page: timeline histogram (report/html/histogram)", () => {
  // 201 rows, three a day from 20 days before the instant to 46 after: one more than drawn per row.
  const rows = rowsOf(
    PER_ROW_LIMIT + 1,
    (index) => (index % 67) - 20,
    (index) => (index % 3 === 0 ? 10 : undefined),
  );
  const report = reportOf(rows);
  let page: HtmlElement;
  let chart: HtmlElement;

  before(() => {
    page = parseHtml(renderHtmlPage(report));
    chart = findOne(page, byId("timeline"), "svg#timeline");
  });

  it("draws one bar per row up to 200 rows with a readable not-after, a histogram from 201", () => {
    assert.equal(PER_ROW_LIMIT, 200);
    const at200 = parseHtml(renderHtmlPage(reportOf(rows.slice(0, 200))));
    assert.equal(findAll(at200, byName("g", "bar")).length, 200);
    assert.deepEqual(findAll(at200, byName("g", "bucket")), []);
    assert.deepEqual(findAll(at200, byId("timeline-table")), []);
    assert.equal(
      findOne(at200, byId("timeline"), "chart").attributes.get("data-bucket"),
      undefined,
    );

    assert.deepEqual(findAll(page, byName("g", "bar")), []);
    const totals = findAll(chart, byName("g", "bucket")).map((g) =>
      Number(attribute(g, "data-total")),
    );
    assert.equal(
      totals.reduce((sum, total) => sum + total, 0),
      201,
    );
    assert.equal(attribute(chart, "data-bucket"), "day");

    // Rows with no readable not-after are not on the chart, and do not count towards the limit.
    const unreadable = rowsOf(5, () => 1).map((row, index) => ({
      ...row,
      urn: `${row.urn}-unreadable-${index}`,
      notAfter: "never",
    }));
    const mixed = parseHtml(renderHtmlPage(reportOf([...rows.slice(0, 200), ...unreadable])));
    assert.equal(findAll(mixed, byName("g", "bar")).length, 200);
    assert.equal(
      textOf(findOne(mixed, byId("unplotted"), "#unplotted")),
      "5 rows have no readable not-after: only in the table below.",
    );
  });

  it("lists in the legend only what the chart draws: no renewal window or open start for a histogram", () => {
    const legendOf = (doc: typeof page) =>
      findAll(findOne(doc, byId("legend"), "#legend"), byName("li")).map((item) => textOf(item));
    const perRow = legendOf(parseHtml(renderHtmlPage(reportOf(rows.slice(0, 200)))));
    assert.ok(
      perRow.some((text) => text.startsWith("renewal window")),
      perRow.join(" | "),
    );
    assert.ok(
      perRow.some((text) => text.startsWith("no not-before")),
      perRow.join(" | "),
    );
    const histogram = legendOf(page);
    assert.deepEqual(
      histogram.filter(
        (text) => text.startsWith("renewal window") || text.startsWith("no not-before"),
      ),
      [],
    );
    assert.ok(histogram.includes("today (the report's time)"), histogram.join(" | "));
  });

  it("draws a bar per day with rows, from its start to its end on the exposed scale", () => {
    const x = exposedX(chart);
    const buckets = findAll(chart, byName("g", "bucket"));
    assert.equal(buckets.length, 67);
    assert.equal(attribute(chart, "data-time-start"), String(NOW - 20 * DAY_MS));
    assert.equal(attribute(chart, "data-time-end"), String(NOW + 47 * DAY_MS));
    buckets.forEach((bucket, index) => {
      const start = NOW + (index - 20) * DAY_MS;
      assert.equal(attribute(bucket, "data-start"), String(start));
      assert.equal(attribute(bucket, "data-end"), String(start + DAY_MS));
      for (const rect of findAll(bucket, byName("rect", "span"))) {
        const left = Number(attribute(rect, "x"));
        assertNear(left, x(start), "left edge");
        assertNear(left + Number(attribute(rect, "width")), x(start + DAY_MS), "right edge");
      }
    });
  });

  it("stacks each bar by status, worst at the bottom, each as tall as its count", () => {
    assert.deepEqual(
      ["data-y-max", "data-y-top", "data-y-base"].map((name) => attribute(chart, name)),
      ["3", "40", "280"],
    );
    const unitsPerRow = (280 - 40) / 3;
    for (const bucket of findAll(chart, byName("g", "bucket"))) {
      const start = Number(attribute(bucket, "data-start"));
      const expected = new Map<string, number>();
      for (const row of rows.filter((candidate) => epoch(candidate.notAfter) === start)) {
        expected.set(row.status, (expected.get(row.status) ?? 0) + 1);
      }
      const rects = findAll(bucket, byName("rect", "span"));
      assert.deepEqual(
        rects.map((rect) => [
          attribute(rect, "data-status"),
          Number(attribute(rect, "data-count")),
        ]),
        ["expired", "renewal due", "expiring", "ok"]
          .filter((status) => expected.has(status))
          .map((status) => [status, expected.get(status)]),
        `the stack of ${new Date(start).toISOString()}`,
      );
      let bottom = 280;
      for (const rect of rects) {
        const top = Number(attribute(rect, "y"));
        const height = Number(attribute(rect, "height"));
        assertNear(top + height, bottom, "touches the segment below", 0.1);
        assertNear(height, Number(attribute(rect, "data-count")) * unitsPerRow, "height", 0.1);
        assert.equal(
          attribute(rect, "class"),
          `span s-${attribute(rect, "data-status").replace(/ /g, "-")}`,
        );
        bottom = top;
      }
    }
    assert.deepEqual(findAll(chart, byName("text", "count")).map(textOf), ["0", "1", "2", "3"]);
  });

  it("names each bar's day, total and counts per status in its title", () => {
    const titles = findAll(chart, byName("g", "bucket")).map((bucket) =>
      textOf(findOne(bucket, byName("title"), "title")),
    );
    assert.deepEqual(titles.slice(19, 22), [
      "2026-02-28: 3 certificates and tokens, 3 expired",
      "2026-03-01: 3 certificates and tokens, 3 expired",
      "2026-03-02: 3 certificates and tokens, 1 renewal due, 2 expiring",
    ]);
    assert.equal(titles.at(-1), "2026-04-16: 3 certificates and tokens, 3 ok");
  });

  it("marks the report's instant and the warn-within edge, and shades the span between", () => {
    const x = exposedX(chart);
    const today = findOne(chart, byId("today"), "g#today");
    assert.equal(attribute(today, "data-time"), String(NOW));
    assertNear(Number(attribute(findOne(today, byName("line"), "line"), "x1")), x(NOW), "today");
    const edge = findOne(chart, byId("warn-edge"), "g#warn-edge");
    const edgeTime = NOW + 30 * DAY_MS;
    assert.equal(attribute(edge, "data-time"), String(edgeTime));
    const edgeLine = findOne(edge, byName("line"), "line");
    assertNear(Number(attribute(edgeLine, "x1")), x(edgeTime), "warn-within edge");
    assert.equal(attribute(edgeLine, "y2"), "280");
    const shade = findOne(chart, byId("warn-span"), "rect#warn-span");
    assertNear(Number(attribute(shade, "x")), x(NOW), "shade starts today");
    assertNear(
      Number(attribute(shade, "x")) + Number(attribute(shade, "width")),
      x(edgeTime),
      "shade ends at the edge",
    );
    assert.equal(
      textOf(findOne(chart, byName("text", "warn-label"), "warn label")),
      "warn-within edge · 31 Mar 2026",
    );
    const axis = findOne(page, byId("timeline-axis"), "svg#timeline-axis");
    assert.equal(
      textOf(findOne(axis, byName("text", "today-label"), "today label")),
      "today · 1 Mar 2026",
    );
    assert.equal(
      attribute(chart, "aria-label"),
      "Histogram of 201 certificates and tokens by the day their not-after falls in, coloured by status, from 2026-02-09 to 2026-04-16; the table below the chart lists the counts",
    );
  });

  it("lists the same counts in a table, one line per day with rows", () => {
    const table = findOne(page, byId("timeline-table"), "table#timeline-table");
    assert.deepEqual(findAll(table, byName("th")).slice(0, 6).map(textOf), [
      "day",
      "total",
      "expired",
      "renewal due",
      "expiring",
      "ok",
    ]);
    const lines = findAll(findOne(table, byName("tbody"), "tbody"), byName("tr"));
    assert.equal(lines.length, 67);
    assert.deepEqual(
      [lines[0], lines[21], lines[66]].map((line) => [
        attribute(findOne(line, byName("time"), "time"), "datetime"),
        textOf(findOne(line, byName("th"), "th")),
        ...findAll(line, byName("td")).map(textOf),
      ]),
      [
        ["2026-02-09T00:00:00.000Z", "2026-02-09", "3", "3", "0", "0", "0"],
        ["2026-03-02T00:00:00.000Z", "2026-03-02", "3", "0", "1", "2", "0"],
        ["2026-04-16T00:00:00.000Z", "2026-04-16", "3", "0", "0", "0", "3"],
      ],
    );
    assert.equal(
      textOf(
        findOne(findOne(page, byId("timeline-details"), "details"), byName("summary"), "summary"),
      ),
      "The chart as a table: 201 certificates and tokens per day of not-after (67 of 67 bars with any)",
    );
  });

  it("draws nothing of a row's text: hostile names and statuses stay out, unknown statuses count as other", () => {
    const hostile = rows.map((row, index) => ({
      ...row,
      name: `</text></svg><img src=x>${index}`,
      stack: XSS_SUBJECT,
      ...(epoch(row.notAfter) === NOW - 20 * DAY_MS
        ? { status: "<b>x</b>" as ReportRow["status"] }
        : {}),
    }));
    const html = renderHtmlPage(reportOf(hostile));
    const hostilePage = parseHtml(html);
    const figure = findOne(hostilePage, byName("figure", "chart"), "figure.chart");
    assert.deepEqual(findAll(hostilePage, byName("img")), []);
    assert.deepEqual(findAll(hostilePage, byName("b")), []);
    assert.ok(!textOf(figure).includes("svg>"), "no name on the chart");
    const firstLine = findAll(findOne(figure, byName("tbody"), "tbody"), byName("tr"))[0];
    assert.deepEqual(
      findAll(firstLine, byName("td")).map(textOf),
      ["3", "0", "0", "0", "0", "3"],
      "the first day's three rows have the unknown status: total, four known statuses, other",
    );
    assert.equal(
      textOf(findAll(findOne(figure, byName("thead"), "thead"), byName("th")).at(-1)!),
      "other",
    );
  });

  it("draws 10,000 rows over two years as at most 110 weekly bars in a few kilobytes", () => {
    const large = largeReport(50, 200);
    const text = renderHtmlPage(large);
    const root = parseHtml(text);
    const plot = findOne(root, byId("timeline"), "svg#timeline");
    assert.equal(attribute(plot, "data-bucket"), "week");
    const buckets = findAll(plot, byName("g", "bucket"));
    assert.ok(buckets.length <= 110 && buckets.length > 100, `${buckets.length} weeks`);
    assert.equal(
      buckets.reduce((sum, bucket) => sum + Number(attribute(bucket, "data-total")), 0),
      10_000,
    );
    const perStatus = new Map<string, number>();
    for (const rect of findAll(plot, byName("rect", "span"))) {
      const status = attribute(rect, "data-status");
      perStatus.set(status, (perStatus.get(status) ?? 0) + Number(attribute(rect, "data-count")));
    }
    for (const status of ["expired", "renewal due", "expiring", "ok"]) {
      assert.equal(
        perStatus.get(status) ?? 0,
        large.rows.filter((row) => row.status === status).length,
        status,
      );
    }
    assert.deepEqual(findAll(root, byName("g", "bar")), []);
    const start = text.indexOf('<figure class="chart">');
    const bytes = Buffer.byteLength(text.slice(start, text.indexOf("</figure>", start)));
    assert.ok(bytes < 80_000, `${bytes} bytes of chart and table for 10,000 rows`);
  });
});
