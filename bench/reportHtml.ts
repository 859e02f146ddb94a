/**
 * `npm run bench -- report-html`: the page of `certplane report --html` for 10,000 rows (50 exports
 * × 200 credentials from ./reportFleet.ts, read by the built CLI's `--json`), as it was and as it is,
 * opened in Debian's headless Chromium (puppeteer-core, as tests/report/htmlBrowser.spec.ts does):
 * the page's size, its elements, the first contentful paint (the summary on screen),
 * DOMContentLoaded, the first full render (load, then one frame drawn: what a
 * reader waits for before the page responds), and a re-sort (a click on `Not after`, to the frame
 * that shows it), each the median of fresh tabs, with the ratio old / new in the same run.
 *
 * "As it was" is the page renderer at {@link BASELINE_COMMIT} (the last before the page took its rows
 * as data); "tables as data" the one at {@link TABLES_COMMIT} (rows as data, but still one timeline
 * bar per row), so the same run shows what the timeline's histogram adds. Each commit's
 * report/html files, report/model.ts and report/keyRotationText.ts are read with `git show`
 * (reading only) into .tmp/bench-report-html/<commit> and rendered in this process from the same
 * report. Every page must show the globally latest row first after the re-sort, or the bench fails:
 * a page that sorted only what it drew would be fast and wrong.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser } from "puppeteer-core";
import type { Report } from "../report/model";
import { renderHtmlPage } from "../report/html/page";
import { ms } from "./measure";
import { generateFleet } from "./reportFleet";

/** The commit whose page renderer is the baseline ("before"). */
export const BASELINE_COMMIT = "2d552fad944ddf79b48f355e20a6644efe9c4889";
/** The commit whose page took its rows as data but still drew one timeline bar per row. */
export const TABLES_COMMIT = "3152da0321fc63218fec69ffaf0af53e0cb5e63a";
const STACKS = 50;
const PER_STACK = 200;
const RUNS = 3;
const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "dist", "report", "cli.js");
const WORK = path.join(ROOT, ".tmp", "bench-report-html");
/** Every browser step is bounded: a hung Chromium fails the bench instead of hanging it. */
const STEP_TIMEOUT_MS = 120_000;

type RenderPage = (report: Report) => string;

/** The page renderer of `commit`, from its files (read with `git show`). */
function rendererAt(commit: string): RenderPage {
  const dir = path.join(WORK, commit);
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", ROOT, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const files = [
    ...git("ls-tree", "--name-only", commit, "report/html/").trim().split("\n"),
    "report/model.ts",
    "report/keyRotationText.ts",
  ];
  for (const file of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, git("show", `${commit}:${file}`));
  }
  const page = require(path.join(dir, "report", "html", "page.ts")) as {
    renderHtmlPage: RenderPage;
  };
  return page.renderHtmlPage;
}

/** What one load of a page measured, in milliseconds from navigation start. */
interface Load {
  firstPaintMs: number;
  domContentLoadedMs: number;
  firstRenderMs: number;
  resortMs: number;
  /** The first row's URN after the re-sort (checked, not reported). */
  firstAfterSort: string;
  elements: number;
}

/** Opens `file` in a fresh tab, waits for its first full frame, re-sorts by not-after. */
async function loadOnce(browser: Browser, file: string): Promise<Load> {
  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: STEP_TIMEOUT_MS });
    // Runs in the page; the repository's TypeScript has no DOM library, so it is a string.
    return (await page.evaluate(`(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      await frame();
      const firstRenderMs = performance.now();
      const navigation = performance.getEntriesByType("navigation")[0];
      const elements = document.getElementsByTagName("*").length;
      const button = document.querySelector('#certificates th[data-column="notAfter"] button');
      const start = performance.now();
      button.click();
      await frame();
      const resortMs = performance.now() - start;
      const first = document.querySelector("#certificates tbody tr");
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return {
        firstPaintMs: paint ? paint.startTime : NaN,
        domContentLoadedMs: navigation.domContentLoadedEventEnd,
        firstRenderMs,
        resortMs,
        firstAfterSort: first ? first.getAttribute("data-urn") : "",
        elements,
      };
    })()`)) as Load;
  } finally {
    await page.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The medians of {@link RUNS} loads of `file`, after one unmeasured warm-up load. */
async function measurePage(browser: Browser, file: string, latestUrns: Set<string>) {
  await loadOnce(browser, file);
  const loads: Load[] = [];
  for (let run = 0; run < RUNS; run += 1) loads.push(await loadOnce(browser, file));
  for (const load of loads) {
    if (!latestUrns.has(load.firstAfterSort)) {
      throw new Error(
        `${path.basename(file)}: after sorting by not-after descending the first row is ${load.firstAfterSort}, not one of the latest (${[...latestUrns].join(", ")})`,
      );
    }
  }
  return {
    bytes: fs.statSync(file).size,
    elements: loads[0].elements,
    firstPaintMs: median(loads.map((load) => load.firstPaintMs)),
    domContentLoadedMs: median(loads.map((load) => load.domContentLoadedMs)),
    firstRenderMs: median(loads.map((load) => load.firstRenderMs)),
    resortMs: median(loads.map((load) => load.resortMs)),
  };
}

export async function benchReportHtml(): Promise<{ rows: unknown; table: string[][] }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`,
    );
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  const fleet = generateFleet(path.join(WORK, "exports"), STACKS, PER_STACK);
  const report = JSON.parse(
    execFileSync(process.execPath, [CLI, "report", "--json", ...fleet.files], {
      maxBuffer: 1024 * 1024 * 1024,
      encoding: "utf8",
    }),
  ) as Report;
  if (report.rows.length !== fleet.rows) {
    throw new Error(`the report listed ${report.rows.length} rows of ${fleet.rows}`);
  }
  const latest = Math.max(...report.rows.map((row) => Date.parse(row.notAfter)));
  const latestUrns = new Set(
    report.rows.filter((row) => Date.parse(row.notAfter) === latest).map((row) => row.urn),
  );
  const pages = {
    before: path.join(WORK, "before.html"),
    tables: path.join(WORK, "tables.html"),
    after: path.join(WORK, "after.html"),
  };
  fs.writeFileSync(pages.before, rendererAt(BASELINE_COMMIT)(report));
  fs.writeFileSync(pages.tables, rendererAt(TABLES_COMMIT)(report));
  fs.writeFileSync(pages.after, renderHtmlPage(report));

  const profile = fs.mkdtempSync(path.join(WORK, "chromium-profile-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    userDataDir: profile,
    timeout: STEP_TIMEOUT_MS,
    protocolTimeout: STEP_TIMEOUT_MS,
  });
  let before: Awaited<ReturnType<typeof measurePage>>;
  let tables: Awaited<ReturnType<typeof measurePage>>;
  let after: Awaited<ReturnType<typeof measurePage>>;
  try {
    before = await measurePage(browser, pages.before, latestUrns);
    tables = await measurePage(browser, pages.tables, latestUrns);
    after = await measurePage(browser, pages.after, latestUrns);
  } finally {
    await browser.close();
    fs.rmSync(WORK, { recursive: true, force: true });
  }
  const ratio = (old: number, now: number) => `${(old / now).toFixed(1)}×`;
  type Measured = typeof after;
  const line = (
    label: string,
    pick: (page: Measured) => number,
    show: (value: number) => string,
  ) => [
    label,
    show(pick(before)),
    show(pick(tables)),
    show(pick(after)),
    ratio(pick(before), pick(after)),
    ratio(pick(tables), pick(after)),
  ];
  const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const table = [
    [
      "10,000 rows",
      "before",
      "tables as data",
      "after",
      "before / after",
      "tables as data / after",
    ],
    line("page size", (page) => page.bytes, megabytes),
    line("elements in the DOM", (page) => page.elements, String),
    line("first contentful paint (median ms)", (page) => page.firstPaintMs, ms),
    line("DOMContentLoaded (median ms)", (page) => page.domContentLoadedMs, ms),
    line("first full render (median ms)", (page) => page.firstRenderMs, ms),
    line("re-sort by not-after (median ms)", (page) => page.resortMs, ms),
  ];
  return {
    rows: {
      rows: fleet.rows,
      runs: RUNS,
      baselineCommit: BASELINE_COMMIT,
      tablesCommit: TABLES_COMMIT,
      before,
      tables,
      after,
    },
    table,
  };
}
