/**
 * `npm run bench [-- name…]`: runs the benchmarks (all, or the named ones), prints a table per
 * benchmark and writes bench/results/<name>.json. Figures are medians measured in one run on this
 * machine; ratios compare within the run, so they travel between machines better than the times.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderTable } from "../tools/devkit/table";
import { benchCsr } from "./csr";
import { benchDoors } from "./doors";
import { benchFleet } from "./fleet";
import { benchReport } from "./report";
import { benchReportHtml } from "./reportHtml";
import { benchStateAndMemory } from "./stateAndMemory";
import { benchThroughput } from "./throughput";

type Bench = () => Promise<{ rows: unknown; table: string[][] }>;

const BENCHES: Record<string, { title: string; run: Bench }> = {
  csr: {
    title: "CSR generation per algorithm (median ms; ratio = certplane / openssl)",
    run: benchCsr,
  },
  state: {
    title:
      "State and provider memory through the lifecycle runner (ECDSA P-256 CertificateRequests)",
    run: benchStateAndMemory,
  },
  doors: {
    title:
      "The two doors under the real CLI: dynamic resources vs the native plugin (ECDSA P-256 PCA certificates)",
    run: benchDoors,
  },
  fleet: {
    title:
      "`up` time against certificates per stack on a file backend, and on the day they are all due for renewal (native plugin, ECDSA P-256 PCA certificates, --parallel 8)",
    run: benchFleet,
  },
  throughput: {
    title:
      "Cisco PCA certificates issued against the simulator: lifecycle runner vs `pulumi up` vs a bare axios loop vs the seed's shell workflow",
    run: benchThroughput,
  },
  report: {
    title:
      "`certplane report` reading 50 exports × 200 certificates (10,000 rows) vs jq making the same selection (target ≤ 5 s)",
    run: benchReport,
  },
  "report-html": {
    title:
      "The `certplane report --html` page for 10,000 rows in headless Chromium: before (rows as markup), tables as data (one timeline bar per row) and after (rows as data, timeline histogram)",
    run: benchReportHtml,
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark(s) ${unknown.join(", ")}; available: ${Object.keys(BENCHES).join(", ")}`,
    );
  }
  const resultsDir = path.join(__dirname, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
  };
  for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
    const { title, run } = BENCHES[name];
    process.stdout.write(`\n${title}\n`);
    const { rows, table } = await run();
    const [headers, ...cells] = table;
    process.stdout.write(`${renderTable(headers, cells)}\n`);
    const file = path.join(resultsDir, `${name}.json`);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ name, measuredAt: new Date().toISOString(), machine, rows }, null, 2)}\n`,
    );
    process.stdout.write(`(written to ${path.relative(process.cwd(), file)})\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
