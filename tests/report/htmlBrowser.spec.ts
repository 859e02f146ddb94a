/**
 * The page of `certplane report --html` in a real browser: Debian's headless Chromium at
 * /usr/bin/chromium, driven by puppeteer-core (no browser is ever downloaded). Each page is written
 * under .tmp/report/ and opened from its file:// URL with every request intercepted; the specs
 * read the chart's bars, groups, today line and renewal windows from the rendered DOM, sort the
 * table by clicking its headers, and check that nothing left the page, nothing logged an error
 * and the hostile subject ran no script. The screenshot goes to .tmp/report/timeline.png.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { Report, ReportRow } from "../../report/model";
import { STATUSES } from "../../report/model";
import { renderHtmlPage } from "../../report/html/page";
import {
  emptyReport,
  fleetReport,
  GENERATED_AT,
  largeReport,
  XSS_SUBJECT,
} from "./fixtures/htmlReports";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT_DIR = path.resolve(".tmp/report");
const SCREENSHOT = path.join(OUTPUT_DIR, "timeline.png");
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

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString("ascii"), "PNG", `${file} is a PNG`);
  assert.equal(bytes.subarray(12, 16).toString("ascii"), "IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The rows' URNs as the table shows them, top to bottom. */
async function tableOrder(page: Page): Promise<string[]> {
  // One query in the page: `$$eval` would make a handle per row (10,000 in the large report).
  return page.$eval("#certificates tbody", (body) =>
    Array.from(body.rows, (line: Attributed) => line.getAttribute("data-urn") ?? ""),
  );
}

/** `rows` sorted by `key` as the page's script sorts: stable on report order, empty keys last. */
function sortedUrns(
  rows: readonly ReportRow[],
  key: (row: ReportRow) => number | string | undefined,
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
  async function open(report: Report, name: string, javascript = true): Promise<OpenedPage> {
    assert.ok(browser, "the browser started");
    const file = path.join(OUTPUT_DIR, `${name}.html`);
    fs.writeFileSync(file, renderHtmlPage(report));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const result: OpenedPage = { page, url, requests: [], errors: [], dialogs: [] };
    await page.setJavaScriptEnabled(javascript);
    await page.setViewport({ width: 1280, height: 900 });
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

  /** What every page must satisfy: only itself requested, no error logged, no dialog opened. */
  function assertQuiet(result: OpenedPage): void {
    assert.deepEqual(result.requests, [result.url], "no request left the page");
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
      assert.equal(await count("script"), 1);
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

  it("shows the whole chart and table with JavaScript off (unsorted, no buttons)", async () => {
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
    assertQuiet(plain);
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

  it("renders 10,000 rows: every bar drawn, the table sorts", async () => {
    const report = largeReport(50, 200);
    const large = await open(report, "large");
    const urns = await large.page.$eval("#timeline", (chart) =>
      Array.from(chart.querySelectorAll("g.bar"), (bar: Attributed) =>
        bar.getAttribute("data-urn"),
      ),
    );
    assert.deepEqual(urns.sort(), report.rows.map((row) => row.urn).sort());
    assert.equal(
      await large.page.$eval("#timeline", (chart) => chart.querySelectorAll("g.group").length),
      50,
    );
    await large.page.click(`#certificates th[data-column="daysLeft"] button`);
    const order = await tableOrder(large.page);
    assert.deepEqual(
      order,
      sortedUrns(report.rows, (row) => row.daysLeft, 1),
    );
    assertQuiet(large);
  });
});
