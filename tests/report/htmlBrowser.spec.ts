/**
 * The page of `certplane report --html` in a real browser: Debian's headless Chromium at
 * /usr/bin/chromium, driven by puppeteer-core (no browser is ever downloaded). Each page is written
 * under .tmp/report/ and opened from its file:// URL with every request intercepted; the specs
 * read the chart's bars, groups, today line and renewal windows from the rendered DOM, sort the
 * table by clicking its headers, page, filter and change the page size of 10,000 rows (with key
 * rotations, and a table of keys), and check that nothing left the page, nothing logged an error,
 * the Content-Security-Policy refused nothing and the hostile subject ran no script; the large
 * report's chart is the histogram, drawn on screen. The screenshots go to
 * .tmp/report/timeline.png (per row) and .tmp/report/timeline-histogram.png.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { KeyFacts, KeyRow, Report, ReportRow } from "../../report/model";
import { STATUSES } from "../../report/model";
import { renderHtmlPage } from "../../report/html/page";
import {
  dayFrom,
  emptyReport,
  fleetReport,
  GENERATED_AT,
  largeReport,
  reportOf,
  XSS_SUBJECT,
} from "./fixtures/htmlReports";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT_DIR = path.resolve(".tmp/report");
const SCREENSHOT = path.join(OUTPUT_DIR, "timeline.png");
const HISTOGRAM_SCREENSHOT = path.join(OUTPUT_DIR, "timeline-histogram.png");
/** Every browser step is bounded: a hung Chromium fails the spec instead of hanging the run. */
const STEP_TIMEOUT_MS = 60_000;

/** A page opened from a file, with what it did: requests, console errors, dialogs. */
interface OpenedPage {
  readonly page: Page;
  readonly url: string;
  readonly requests: string[];
  readonly errors: string[];
  readonly dialogs: string[];
}

/**
 * What the specs read of DOM nodes inside `$eval` callbacks. The repository's TypeScript has no
 * DOM library (nothing else runs in a browser), so the few members used are named here.
 */
interface Attributed {
  getAttribute(name: string): string | null;
}
interface Texted {
  readonly textContent: string | null;
}
interface StyledWindow {
  getComputedStyle(element: unknown): { readonly fill: string };
}

/** A form control, as the specs set it (then dispatch the event the page listens for). */
interface Valued {
  value: string;
  dispatchEvent(event: unknown): boolean;
}
interface EventWindow {
  readonly Event: new (type: string, init: { bubbles: boolean }) => unknown;
}

/**
 * Reported by the page itself when its Content-Security-Policy refuses anything (installed before
 * any of the page's own script runs, by the DevTools protocol, which the policy does not govern).
 */
const CSP_LISTENER = `document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});`;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString("ascii"), "PNG", `${file} is a PNG`);
  assert.equal(bytes.subarray(12, 16).toString("ascii"), "IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The rows' URNs as the table shows them, top to bottom. */
async function tableOrder(page: Page, table = "certificates"): Promise<string[]> {
  // One query in the page: `$$eval` would make a handle per row (10,000 in the large report).
  return page.$eval(`#${table} tbody`, (body) =>
    Array.from(body.rows, (line: Attributed) => line.getAttribute("data-urn") ?? ""),
  );
}

/** The table's lines as markup: what the server or the script drew, to compare the two. */
async function tableMarkup(page: Page, table = "certificates"): Promise<string[]> {
  return page.$eval(`#${table} tbody`, (body) =>
    Array.from(body.rows, (line: { outerHTML: string }) => line.outerHTML),
  );
}

/** Sets a control of the certificates' section and sends the event the page listens for. */
async function setControl(page: Page, control: string, value: string, event: string) {
  await page.$eval(
    `section[data-table="certificates"] [data-control="${control}"]`,
    (element, value, event) => {
      const input = element as unknown as Valued;
      input.value = value;
      const view = globalThis as unknown as EventWindow;
      input.dispatchEvent(new view.Event(event, { bubbles: true }));
    },
    value,
    event,
  );
}

/** What the toolbar of `table` says: rows shown, page, page count, which pager buttons work. */
async function toolbarState(page: Page, table = "certificates") {
  // No helper functions inside: tsx names them with a `__name` the page does not have.
  const [shown, pageNumber, pages, toolbarHidden, disabled] = await page.$eval(
    `section[data-table="${table}"]`,
    (section) => [
      ...["shown", "page", "page-count", "toolbar"].map((name) => {
        const control = section.querySelector(`[data-control="${name}"]`) as unknown as {
          value?: string;
          textContent: string;
          hidden: boolean;
        };
        return name === "toolbar"
          ? control.hidden
          : name === "page"
            ? control.value
            : control.textContent;
      }),
      ["first", "previous", "next", "last"].filter(
        (name) =>
          (section.querySelector(`[data-page="${name}"]`) as unknown as { disabled: boolean })
            .disabled,
      ),
    ],
  );
  return { shown, page: pageNumber, pages, toolbarHidden, disabled };
}

/**
 * `report` with key rotations on its rows, in turn: none; scheduled or due by their instant; due
 * with the key's age unknown; rotating at an age that is secret; a key that never rotates.
 */
function withKeyRotations(report: Report): Report {
  const now = Date.parse(report.generatedAt);
  const rows = report.rows.map((row, index): ReportRow => {
    const created = dayFrom(GENERATED_AT, -(index % 97));
    const due = dayFrom(created, 30);
    const facts: KeyFacts[] = [
      {},
      {
        keyCreatedAt: created,
        keyRotateAfterHours: 720,
        keyRotationDue: due,
        keyRotation: Date.parse(due) <= now ? "due" : "scheduled",
      },
      { keyRotateAfterHours: 2160, keyRotation: "due" },
      { keyRotateAfterHours: 720 },
      { keyCreatedAt: created },
    ];
    const fact = facts[index % facts.length];
    return index % facts.length === 0 ? row : { ...row, ...fact, keyUrn: `${row.urn}-key` };
  });
  return { ...report, rows };
}

/** `count` keys with no certificate in their stack, every third due for rotation. */
function unsignedKeys(count: number): KeyRow[] {
  return Array.from({ length: count }, (_, index): KeyRow => {
    const created = dayFrom(GENERATED_AT, -index);
    return {
      stack: `acme/partner-${index % 3}/prod`,
      name: `partner-key-${String(index).padStart(3, "0")}`,
      urn: `urn:pulumi:prod::partner::certplane:index:CertificateRequest::partner-key-${index}`,
      type: "certplane:index:CertificateRequest",
      door: "plugin",
      fingerprint: `SHA256:${index}`,
      keyCreatedAt: created,
      keyRotateAfterHours: 24 * (index % 3 === 0 ? 1 : 400),
      keyRotationDue: dayFrom(created, index % 3 === 0 ? 1 : 400),
      keyRotation: index % 3 === 0 ? "due" : "scheduled",
    };
  });
}

/** The rows the page's text filter keeps: every word in stack, name, subject or serial. */
function filtered(rows: readonly ReportRow[], text: string): ReportRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    const haystack = [row.stack, row.name, row.subject, row.serial ?? ""].join("\n").toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The sort key of a row's key-rotation cell: its instant, or 0 for due since ever. */
function keyRotationKey(row: KeyFacts): number | undefined {
  if (row.keyRotation === undefined) return undefined;
  if (row.keyRotationDue !== undefined) return Date.parse(row.keyRotationDue);
  return row.keyRotation === "due" ? 0 : undefined;
}

const epochOf = (time: string | undefined) => (time === undefined ? undefined : Date.parse(time));

/** `rows` sorted by `key` as the page's script sorts: stable on report order, empty keys last. */
function sortedUrns<Row extends { urn: string }>(
  rows: readonly Row[],
  key: (row: Row) => number | string | undefined,
  direction: 1 | -1,
): string[] {
  return rows
    .map((row, index) => ({ row, index, key: key(row) }))
    .sort((a, b) => {
      if ((a.key === undefined) !== (b.key === undefined)) return a.key === undefined ? 1 : -1;
      if (a.key === undefined || b.key === undefined || a.key === b.key) return a.index - b.index;
      return direction * (a.key < b.key ? -1 : 1);
    })
    .map((entry) => entry.row.urn);
}

describe("report HTML page in headless Chromium (puppeteer-core)", function () {
  this.timeout(4 * STEP_TIMEOUT_MS);
  let browser: Browser | undefined;
  let profile: string;
  const opened: OpenedPage[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium); this test drives it with puppeteer-core and never downloads a browser`,
      );
    }
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    profile = fs.mkdtempSync(path.join(OUTPUT_DIR, "chromium-profile-"));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Chromium refuses to start its sandbox as root (containers, CI); anyone else keeps it.
      args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
      userDataDir: profile,
      timeout: STEP_TIMEOUT_MS,
      protocolTimeout: STEP_TIMEOUT_MS,
    });
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      if (profile !== undefined) fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  /** Writes `report`'s page to .tmp/report/<name>.html and opens it, recording what it does. */
  async function open(
    report: Report | string,
    name: string,
    javascript = true,
  ): Promise<OpenedPage> {
    assert.ok(browser, "the browser started");
    const file = path.join(OUTPUT_DIR, `${name}.html`);
    fs.writeFileSync(file, typeof report === "string" ? report : renderHtmlPage(report));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const result: OpenedPage = { page, url, requests: [], errors: [], dialogs: [] };
    await page.setJavaScriptEnabled(javascript);
    await page.setViewport({ width: 1280, height: 900 });
    await page.evaluateOnNewDocument(CSP_LISTENER);
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      result.requests.push(request.url());
      // The page itself may load; anything else it asks for is refused (and fails the spec).
      if (request.url() === url) void request.continue();
      else void request.abort();
    });
    page.on("console", (message) => {
      if (message.type() === "error") result.errors.push(message.text());
    });
    page.on("pageerror", (error) => result.errors.push(String(error)));
    page.on("dialog", (dialog) => {
      result.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url, { waitUntil: "load", timeout: STEP_TIMEOUT_MS });
    opened.push(result);
    return result;
  }

  /**
   * What every page must satisfy: only itself requested (once per load), no error logged (a refusal
   * by the Content-Security-Policy is one), no dialog opened.
   */
  function assertQuiet(result: OpenedPage): void {
    assert.deepEqual([...new Set(result.requests)], [result.url], "no request left the page");
    assert.deepEqual(result.errors, [], "no console error");
    assert.deepEqual(result.dialogs, [], "no script from the report ran (no alert)");
  }

  describe("a fleet of three stacks", () => {
    const report = fleetReport();
    let fleet: OpenedPage;

    before(async () => {
      fleet = await open(report, "fleet");
    });

    it("draws one bar per row", async () => {
      const urns = await fleet.page.$$eval("#timeline [data-urn]", (bars) =>
        bars.map((bar) => bar.getAttribute("data-urn") ?? ""),
      );
      assert.deepEqual([...urns].sort(), report.rows.map((row) => row.urn).sort());
      const drawn = await fleet.page.$$eval("#timeline g.bar rect.span", (spans) =>
        spans.map((span) => span.getBoundingClientRect().width),
      );
      assert.equal(drawn.length, report.rows.length);
      for (const width of drawn) assert.ok(width > 0, "every bar is visible");
    });

    it("groups the bars by stack, one group under the other", async () => {
      const groups = await fleet.page.$$eval("#timeline g.group", (elements) =>
        elements.map((group) => {
          const box = group.getBoundingClientRect();
          return {
            stack: group.getAttribute("data-stack") ?? "",
            label: group.querySelector("text.stack")?.textContent ?? "",
            urns: Array.from(group.querySelectorAll("[data-urn]"), (bar: Attributed) =>
              bar.getAttribute("data-urn"),
            ),
            top: box.top,
            bottom: box.bottom,
          };
        }),
      );
      assert.deepEqual(
        groups.map((group) => group.stack),
        ["acme/network/staging", "acme/payments/prod", "acme/edge/dev"],
      );
      for (const group of groups) {
        assert.equal(group.label, group.stack);
        assert.deepEqual(
          group.urns,
          report.rows.filter((row) => row.stack === group.stack).map((row) => row.urn),
        );
      }
      for (let index = 1; index < groups.length; index += 1) {
        assert.ok(groups[index].top >= groups[index - 1].bottom - 1, "groups do not overlap");
      }
    });

    it("draws today's line at the x the exposed scale gives generatedAt, on screen too", async () => {
      const drawn = await fleet.page.$eval("#timeline", (chart) => {
        const line = chart.querySelector("#today line");
        const box = chart.getBoundingClientRect();
        const lineBox = line?.getBoundingClientRect();
        return {
          timeStart: Number(chart.getAttribute("data-time-start")),
          timeEnd: Number(chart.getAttribute("data-time-end")),
          xStart: Number(chart.getAttribute("data-x-start")),
          xEnd: Number(chart.getAttribute("data-x-end")),
          viewBoxWidth: Number(chart.getAttribute("viewBox")?.split(" ")[2]),
          x1: Number(line?.getAttribute("x1")),
          chartLeft: box.left,
          chartWidth: box.width,
          lineCentre: lineBox === undefined ? NaN : lineBox.left + lineBox.width / 2,
          lineHeight: lineBox?.height ?? 0,
          chartHeight: box.height,
        };
      });
      const expected =
        drawn.xStart +
        ((Date.parse(GENERATED_AT) - drawn.timeStart) / (drawn.timeEnd - drawn.timeStart)) *
          (drawn.xEnd - drawn.xStart);
      assert.ok(Math.abs(drawn.x1 - expected) <= 0.05, `x1 ${drawn.x1}, expected ${expected}`);
      const onScreen = drawn.chartLeft + (expected * drawn.chartWidth) / drawn.viewBoxWidth;
      assert.ok(
        Math.abs(drawn.lineCentre - onScreen) <= 1,
        `line drawn at ${drawn.lineCentre}px, expected ${onScreen}px`,
      );
      assert.ok(drawn.lineHeight >= drawn.chartHeight - 1, "the line spans the chart");
      const label = await fleet.page.$eval(
        "#timeline-axis .today-label",
        (text) => text.textContent,
      );
      assert.equal(label, "today · 1 Mar 2026");
    });

    it("shades the renewal window of exactly the rows that have one", async () => {
      const windows = await fleet.page.$$eval("#timeline g.bar", (bars) =>
        bars.map((bar) => {
          const hatch = bar.querySelector("rect.win");
          const span = bar.querySelector("rect.span");
          const view = globalThis as unknown as StyledWindow;
          return {
            urn: bar.getAttribute("data-urn") ?? "",
            width: hatch?.getBoundingClientRect().width ?? 0,
            fill: hatch === null ? "" : view.getComputedStyle(hatch).fill,
            right: hatch?.getBoundingClientRect().right ?? 0,
            spanRight: span?.getBoundingClientRect().right ?? 0,
          };
        }),
      );
      for (const row of report.rows) {
        const window = windows.find((entry) => entry.urn === row.urn)!;
        if (row.renewalWindowStart === undefined) {
          assert.equal(window.width, 0, `${row.name} has no renewal window`);
        } else {
          assert.ok(window.width > 0, `${row.name}'s renewal window is drawn`);
          assert.match(window.fill, /url\(.*#renewal-window.*\)/, `${row.name} hatched`);
          assert.ok(Math.abs(window.right - window.spanRight) <= 0.5, "it ends at not-after");
        }
      }
    });

    it("sorts the table by the clicked column, and back on a second click", async () => {
      assert.deepEqual(
        await tableOrder(fleet.page),
        report.rows.map((row) => row.urn),
      );
      const click = (column: string) =>
        fleet.page.click(`#certificates th[data-column="${column}"] button`);

      await click("daysLeft");
      assert.deepEqual(
        await tableOrder(fleet.page),
        sortedUrns(report.rows, (row) => row.daysLeft, 1),
      );
      await click("daysLeft");
      assert.deepEqual(
        await tableOrder(fleet.page),
        sortedUrns(report.rows, (row) => row.daysLeft, -1),
      );
      assert.equal(
        await fleet.page.$eval(`#certificates th[data-column="daysLeft"]`, (th) =>
          th.getAttribute("aria-sort"),
        ),
        "descending",
      );

      await click("stack");
      assert.deepEqual(
        await tableOrder(fleet.page),
        sortedUrns(report.rows, (row) => row.stack, 1),
      );
      await click("status");
      assert.deepEqual(
        await tableOrder(fleet.page),
        sortedUrns(report.rows, (row) => STATUSES.indexOf(row.status), 1),
      );
      await click("notBefore");
      assert.deepEqual(
        await tableOrder(fleet.page),
        sortedUrns(
          report.rows,
          (row) => (row.notBefore === undefined ? undefined : Date.parse(row.notBefore)),
          1,
        ),
        "rows without not-before last",
      );
      await click("notAfter");
      assert.deepEqual(
        await tableOrder(fleet.page),
        report.rows.map((row) => row.urn),
      );
    });

    it("keeps the hostile subject as text: no script ran, no element was made of it", async () => {
      const row = report.rows.find((candidate) => candidate.subject === XSS_SUBJECT)!;
      const cells = await fleet.page.$$eval(`#certificates tbody tr`, (lines) =>
        lines.map((line) => ({
          urn: line.getAttribute("data-urn"),
          cells: Array.from(line.querySelectorAll("td"), (cell: Texted) => cell.textContent),
        })),
      );
      const line = cells.find((entry) => entry.urn === row.urn)!;
      assert.equal(line.cells[4], XSS_SUBJECT);
      assert.equal(line.cells[1], row.name);
      const count = (selector: string) =>
        fleet.page.$$eval(selector, (elements) => elements.length);
      assert.equal(await count("script"), 2);
      assert.equal(await count('script[type="application/json"]'), 1);
      assert.equal(await count("img, b, iframe, object, embed"), 0);
      assertQuiet(fleet);
    });

    it("writes a screenshot of the timeline that shows content", async () => {
      const chart = await fleet.page.$("figure.chart");
      assert.ok(chart, "the chart is on the page");
      const box = await chart.boundingBox();
      assert.ok(box);
      await chart.screenshot({ path: SCREENSHOT });
      const size = pngSize(SCREENSHOT);
      assert.equal(size.width, Math.round(box.width));
      assert.ok(Math.abs(size.height - box.height) <= 1, `${size.height} vs ${box.height}`);
      assert.ok(size.width >= 1000 && size.height >= 200, JSON.stringify(size));
      // A blank image of this size compresses to well under a kilobyte.
      assert.ok(fs.statSync(SCREENSHOT).size > 15_000, `${fs.statSync(SCREENSHOT).size} bytes`);
      await fleet.page.screenshot({ path: path.join(OUTPUT_DIR, "page.png"), fullPage: true });
      assertQuiet(fleet);
    });
  });

  it("shows the whole chart and table with JavaScript off (report order, no buttons, no toolbar)", async () => {
    const report = fleetReport();
    const plain = await open(report, "fleet-no-js", false);
    assert.equal(
      await plain.page.$$eval("#timeline g.bar", (bars) => bars.length),
      report.rows.length,
    );
    assert.deepEqual(
      await tableOrder(plain.page),
      report.rows.map((row) => row.urn),
    );
    assert.equal(
      await plain.page.$$eval("#certificates th button", (buttons) => buttons.length),
      0,
    );
    assert.equal((await toolbarState(plain.page)).toolbarHidden, true);
    assertQuiet(plain);
  });

  it("reports a script the policy does not allow (the CSP listener works)", async () => {
    const forged = renderHtmlPage(fleetReport()).replace(
      "</body>",
      "<script>document.title = 'ran';</script></body>",
    );
    const page = await open(forged, "fleet-forged-script");
    assert.notEqual(await page.page.title(), "ran");
    assert.ok(
      page.errors.some((error) => error.startsWith("CSP violation: script-src-elem inline")),
      JSON.stringify(page.errors),
    );
  });

  it("draws hostile values from the data as text on a page only the script draws, and finds them", async () => {
    const rows = largeReport(1, 100).rows;
    const last = rows.at(-1)!;
    const hostile: ReportRow = {
      ...last,
      urn: `${last.urn}-hostile</script><!--`,
      name: "</script><!--<script>alert(1)</script>\u2028\u2029 & &amp; 证书 🔐",
      subject: XSS_SUBJECT,
      serial: `" onmouseover="alert(3)`,
      notAfter: dayFrom(last.notAfter, 1),
      keyRotation: "due",
      keyRotationDue: "<b>soon</b>",
      keyRotateAfterHours: 1,
    };
    const report = reportOf([...rows, hostile]);
    const opened = await open(report, "hostile-page-two");
    await opened.page.click('section[data-table="certificates"] [data-page="next"]');
    const line = await opened.page.$eval("#certificates tbody", (body) =>
      Array.from(body.rows, (row: Attributed & { cells: ArrayLike<Texted> }) => ({
        urn: row.getAttribute("data-urn"),
        cells: Array.from(row.cells, (cell) => cell.textContent),
      })),
    );
    assert.deepEqual(line, [
      {
        urn: hostile.urn,
        cells: [
          hostile.stack,
          hostile.name,
          hostile.type,
          hostile.vendor,
          XSS_SUBJECT,
          hostile.serial,
          hostile.notBefore ?? "",
          hostile.notAfter,
          hostile.daysLeft.toFixed(1),
          hostile.renewalWindowStart === undefined ? "none" : `from ${hostile.renewalWindowStart}`,
          hostile.status,
          "",
          "key rotation due since <b>soon</b>",
        ],
      },
    ]);
    await setControl(opened.page, "filter", "</script><!--", "input");
    assert.deepEqual(await tableOrder(opened.page), [hostile.urn]);
    assert.equal(
      await opened.page.$$eval(
        "#certificates img, #certificates b, #certificates script",
        (elements) => elements.length,
      ),
      0,
    );
    assertQuiet(opened);
  });

  it("says there is nothing to show for an empty report", async () => {
    const empty = await open(emptyReport(), "empty");
    assert.equal(
      await empty.page.$eval("#empty", (message) => message.textContent),
      "Nothing to show: no certificate or token was found in the 2 sources read.",
    );
    assert.equal(await empty.page.$$eval("svg, table", (elements) => elements.length), 0);
    assertQuiet(empty);
  });

  describe("10,000 rows with key rotations, and 150 keys with no certificate", () => {
    const report = { ...withKeyRotations(largeReport(50, 200)), keys: unsignedKeys(150) };
    const rows = report.rows;
    const urns = rows.map((row) => row.urn);
    let large: OpenedPage;
    const click = (selector: string) => large.page.click(selector);
    const sortBy = (column: string, table = "certificates") =>
      click(`#${table} th[data-column="${column}"] button`);
    const pageButton = (name: string, table = "certificates") =>
      click(`section[data-table="${table}"] [data-page="${name}"]`);

    before(async () => {
      large = await open(report, "large");
    });

    beforeEach(async () => {
      // In front: a tab behind another draws no frames, and a click waits for one.
      await large.page.bringToFront();
      await large.page.reload({ waitUntil: "load", timeout: STEP_TIMEOUT_MS });
    });

    it("draws the weekly histogram on screen, and the first 100 rows in report order with the toolbar shown", async () => {
      const chart = await large.page.$eval("#timeline", (svg) => {
        const view = globalThis as unknown as StyledWindow;
        return {
          bars: svg.querySelectorAll("g.bar").length,
          groups: svg.querySelectorAll("g.group").length,
          totals: Array.from(svg.querySelectorAll("g.bucket"), (bucket: Attributed) =>
            Number(bucket.getAttribute("data-total")),
          ),
          rects: Array.from(
            svg.querySelectorAll("g.bucket rect.span"),
            (rect: Attributed & { getBoundingClientRect(): { height: number } }) => ({
              status: rect.getAttribute("data-status") ?? "",
              count: Number(rect.getAttribute("data-count")),
              height: rect.getBoundingClientRect().height,
              fill: view.getComputedStyle(rect).fill,
            }),
          ),
          height: svg.getBoundingClientRect().height,
          today: svg.querySelector("#today line")?.getBoundingClientRect().height ?? 0,
          edge: svg.querySelector("#warn-edge line")?.getBoundingClientRect().height ?? 0,
        };
      });
      assert.deepEqual([chart.bars, chart.groups], [0, 0]);
      assert.equal(
        chart.totals.reduce((sum, total) => sum + total, 0),
        rows.length,
      );
      assert.ok(chart.totals.length <= 110, `${chart.totals.length} bars`);
      // The page's status colours, as the table's dots: rgb() of STATUS_COLOURS.
      const colours: Record<string, string> = {
        expired: "rgb(213, 94, 0)",
        "renewal due": "rgb(230, 159, 0)",
        expiring: "rgb(204, 121, 167)",
        ok: "rgb(0, 114, 178)",
      };
      for (const rect of chart.rects) {
        assert.ok(rect.height > 0, `a segment of ${rect.count} ${rect.status} is visible`);
        assert.equal(rect.fill, colours[rect.status], rect.status);
      }
      assert.ok(chart.height < 400, `the chart is ${chart.height}px tall, not one row per bar`);
      assert.ok(chart.today > 200 && chart.edge > 200, "both marks cross the plot");
      assert.deepEqual(await tableOrder(large.page), urns.slice(0, 100));
      assert.deepEqual(await toolbarState(large.page), {
        shown: "Rows 1–100 of 10,000",
        page: "1",
        pages: "of 100",
        toolbarHidden: false,
        disabled: ["first", "previous"],
      });
      assert.equal(
        await large.page.$eval('[data-control="no-script"]', (note) =>
          (note as unknown as { hidden: boolean }).hidden ? "hidden" : "shown",
        ),
        "hidden",
      );
      assertQuiet(large);
    });

    it("writes a screenshot of the histogram, with its table folded under it", async () => {
      const figure = await large.page.$("figure.chart");
      assert.ok(figure, "the chart is on the page");
      await figure.screenshot({ path: HISTOGRAM_SCREENSHOT });
      const size = pngSize(HISTOGRAM_SCREENSHOT);
      assert.ok(
        size.width >= 1000 && size.height >= 300 && size.height < 420,
        JSON.stringify(size),
      );
      assert.ok(fs.statSync(HISTOGRAM_SCREENSHOT).size > 10_000, "the image shows content");
      assert.equal(
        await large.page.$eval("#timeline-details", (details) =>
          (details as unknown as { open: boolean }).open ? "open" : "folded",
        ),
        "folded",
      );
      assertQuiet(large);
    });

    it("draws the first page exactly as the server wrote it for readers without JavaScript", async () => {
      const plain = await open(report, "large-no-js", false);
      assert.ok(
        (await plain.page.$$eval("#timeline g.bucket", (buckets) => buckets.length)) > 100,
        "the histogram needs no script",
      );
      const server = await tableMarkup(plain.page);
      assert.equal(server.length, 100);
      assert.deepEqual(await tableMarkup(large.page), server);
      assert.deepEqual(
        await tableMarkup(large.page, "keys"),
        await tableMarkup(plain.page, "keys"),
      );
      assert.ok(
        server.some((line) => line.includes('<span class="key-due">key rotation due</span>')),
      );
      assert.equal(
        await plain.page.$eval('[data-control="no-script"]', (note) => note.textContent),
        "Showing the first 100 of 10,000 certificates and tokens, soonest not-after first. Paging, sorting and filtering need JavaScript; certplane report --json lists every row.",
      );
      assert.equal((await toolbarState(plain.page)).toolbarHidden, true);
      assertQuiet(plain);
    });

    it("pages forwards, backwards, to the last page and to a page typed in", async () => {
      await pageButton("next");
      assert.deepEqual(await tableOrder(large.page), urns.slice(100, 200));
      assert.deepEqual(await toolbarState(large.page), {
        shown: "Rows 101–200 of 10,000",
        page: "2",
        pages: "of 100",
        toolbarHidden: false,
        disabled: [],
      });
      await pageButton("last");
      assert.deepEqual(await tableOrder(large.page), urns.slice(9900));
      assert.deepEqual((await toolbarState(large.page)).disabled, ["next", "last"]);
      await pageButton("previous");
      assert.deepEqual(await tableOrder(large.page), urns.slice(9800, 9900));
      await setControl(large.page, "page", "50", "change");
      assert.deepEqual(await tableOrder(large.page), urns.slice(4900, 5000));
      assert.equal((await toolbarState(large.page)).shown, "Rows 4,901–5,000 of 10,000");
      await setControl(large.page, "page", "999", "change");
      assert.deepEqual(await tableOrder(large.page), urns.slice(9900));
      await pageButton("first");
      assert.deepEqual(await tableOrder(large.page), urns.slice(0, 100));
      assertQuiet(large);
    });

    it("sorts all rows, not the page: not-after descending starts with the globally latest", async () => {
      await pageButton("next");
      await sortBy("notAfter");
      const descending = sortedUrns(rows, (row) => Date.parse(row.notAfter), -1);
      const order = await tableOrder(large.page);
      assert.deepEqual(order, descending.slice(0, 100));
      const latest = Math.max(...rows.map((row) => Date.parse(row.notAfter)));
      assert.equal(Date.parse(rows[urns.indexOf(order[0])].notAfter), latest);
      assert.equal((await toolbarState(large.page)).page, "1", "a new sort starts at page 1");
      assert.equal(
        await large.page.$eval(`#certificates th[data-column="notAfter"]`, (th) =>
          th.getAttribute("aria-sort"),
        ),
        "descending",
      );
      await pageButton("next");
      assert.deepEqual(await tableOrder(large.page), descending.slice(100, 200));
      await sortBy("daysLeft");
      assert.deepEqual(
        await tableOrder(large.page),
        sortedUrns(rows, (row) => row.daysLeft, 1).slice(0, 100),
      );
      await sortBy("stack");
      await pageButton("last");
      assert.deepEqual(
        await tableOrder(large.page),
        sortedUrns(rows, (row) => row.stack, 1).slice(9900),
      );
      assert.deepEqual(
        await large.page.$$eval("#certificates th", (headers) =>
          headers.map((th) => th.getAttribute("aria-sort")),
        ),
        ["ascending", ...Array<null>(12).fill(null)],
      );
      assertQuiet(large);
    });

    it("sorts by the key columns, keys without a rotation last either way", async () => {
      const byRotation = (direction: 1 | -1) => sortedUrns(rows, keyRotationKey, direction);
      await sortBy("keyRotation");
      assert.deepEqual(await tableOrder(large.page), byRotation(1).slice(0, 100));
      const first = rows[urns.indexOf((await tableOrder(large.page))[0])];
      assert.equal(first.keyRotation, "due");
      assert.equal(first.keyRotationDue, undefined, "due since ever (age unknown) comes first");
      await pageButton("last");
      assert.deepEqual(await tableOrder(large.page), byRotation(1).slice(9900));
      await sortBy("keyRotation");
      assert.deepEqual(await tableOrder(large.page), byRotation(-1).slice(0, 100));
      await pageButton("last");
      assert.deepEqual(await tableOrder(large.page), byRotation(-1).slice(9900));
      await sortBy("keyCreatedAt");
      assert.deepEqual(
        await tableOrder(large.page),
        sortedUrns(rows, (row) => epochOf(row.keyCreatedAt), 1).slice(0, 100),
      );
      assertQuiet(large);
    });

    it("filters by words in stack, name, subject or serial, and by status, keeping the sort", async () => {
      await sortBy("daysLeft");
      await setControl(large.page, "filter", "fleet-07", "input");
      const fleet07 = filtered(rows, "fleet-07");
      assert.equal(fleet07.length, 200);
      const byDaysLeft = (subset: ReportRow[]) => sortedUrns(subset, (row) => row.daysLeft, 1);
      assert.deepEqual(await tableOrder(large.page), byDaysLeft(fleet07).slice(0, 100));
      assert.deepEqual(await toolbarState(large.page), {
        shown: "Rows 1–100 of 200 matching (10,000 in all)",
        page: "1",
        pages: "of 2",
        toolbarHidden: false,
        disabled: ["first", "previous"],
      });
      await pageButton("next");
      assert.deepEqual(await tableOrder(large.page), byDaysLeft(fleet07).slice(100));

      // Several words: each must occur somewhere, in any case.
      await setControl(large.page, "filter", "  ROUTER fleet-17  ", "input");
      const routers = filtered(rows, "router fleet-17");
      assert.ok(routers.length > 0 && routers.length < 100, String(routers.length));
      assert.deepEqual(await tableOrder(large.page), byDaysLeft(routers));
      assert.equal(
        (await toolbarState(large.page)).shown,
        `Rows 1–${routers.length} of ${routers.length} matching (10,000 in all)`,
      );

      // A serial and a subject are searched too.
      await setControl(large.page, "filter", "4F:2A:91", "input");
      const serials = rows.filter((row) => row.serial?.startsWith("4F:2A:91"));
      assert.equal(
        (await toolbarState(large.page)).shown,
        `Rows 1–100 of ${count(serials.length)} matching (10,000 in all)`,
      );
      await setControl(large.page, "filter", "host-3-17.acme", "input");
      assert.deepEqual(await tableOrder(large.page), byDaysLeft(filtered(rows, "host-3-17.acme")));

      // Status and text together; then status alone.
      await setControl(large.page, "filter", "fleet-07", "input");
      await large.page.select('section[data-table="certificates"] [data-control="facet"]', "0");
      const expired07 = fleet07.filter((row) => row.status === "expired");
      assert.deepEqual(await tableOrder(large.page), byDaysLeft(expired07).slice(0, 100));
      await setControl(large.page, "filter", "", "input");
      const expired = rows.filter((row) => row.status === "expired");
      assert.equal(
        (await toolbarState(large.page)).shown,
        `Rows 1–100 of ${count(expired.length)} matching (10,000 in all)`,
      );
      assert.deepEqual(await tableOrder(large.page), byDaysLeft(expired).slice(0, 100));

      await setControl(large.page, "filter", "no such certificate", "input");
      assert.deepEqual(await tableOrder(large.page), []);
      assert.deepEqual(await toolbarState(large.page), {
        shown: "No row matches (10,000 in all)",
        page: "1",
        pages: "of 1",
        toolbarHidden: false,
        disabled: ["first", "previous", "next", "last"],
      });
      assertQuiet(large);
    });

    it("changes the page size, keeping the first row shown on the page shown", async () => {
      await setControl(large.page, "page", "5", "change");
      assert.deepEqual(await tableOrder(large.page), urns.slice(400, 500));
      await large.page.select(
        'section[data-table="certificates"] [data-control="page-size"]',
        "250",
      );
      assert.deepEqual(await tableOrder(large.page), urns.slice(250, 500));
      assert.deepEqual(await toolbarState(large.page), {
        shown: "Rows 251–500 of 10,000",
        page: "2",
        pages: "of 40",
        toolbarHidden: false,
        disabled: [],
      });
      await large.page.select(
        'section[data-table="certificates"] [data-control="page-size"]',
        "1000",
      );
      assert.deepEqual(await tableOrder(large.page), urns.slice(0, 1000));
      await large.page.select(
        'section[data-table="certificates"] [data-control="page-size"]',
        "all",
      );
      assert.deepEqual(await tableOrder(large.page), urns);
      assert.deepEqual(await toolbarState(large.page), {
        shown: "Rows 1–10,000 of 10,000",
        page: "1",
        pages: "of 1",
        toolbarHidden: false,
        disabled: ["first", "previous", "next", "last"],
      });
      await sortBy("daysLeft");
      assert.deepEqual(
        await tableOrder(large.page),
        sortedUrns(rows, (row) => row.daysLeft, 1),
      );
      assertQuiet(large);
    });

    it("pages and sorts the keys' table on its own", async () => {
      const keys = report.keys;
      await sortBy("daysLeft");
      assert.deepEqual(
        await tableOrder(large.page, "keys"),
        keys.slice(0, 100).map((key) => key.urn),
      );
      await pageButton("next", "keys");
      assert.deepEqual(
        await tableOrder(large.page, "keys"),
        keys.slice(100).map((key) => key.urn),
      );
      assert.equal((await toolbarState(large.page, "keys")).shown, "Rows 101–150 of 150");
      await sortBy("name", "keys");
      await sortBy("name", "keys");
      assert.deepEqual(
        await tableOrder(large.page, "keys"),
        [...keys]
          .sort((a, b) => (a.name < b.name ? 1 : -1))
          .slice(0, 100)
          .map((key) => key.urn),
      );
      await sortBy("keyRotation", "keys");
      const due = keys.filter((key) => key.keyRotation === "due");
      assert.deepEqual(
        (await tableOrder(large.page, "keys")).slice(0, due.length),
        sortedUrns(due, keyRotationKey, 1),
      );
      assert.deepEqual(
        await tableOrder(large.page),
        sortedUrns(rows, (row) => row.daysLeft, 1).slice(0, 100),
        "the certificates' table keeps its own sort",
      );
      assertQuiet(large);
    });
  });
});

/** `10,000`: counts as the page writes them. */
function count(value: number): string {
  return value.toLocaleString("en-US");
}
