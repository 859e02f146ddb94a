/**
 * `npm run bench -- report`: `certplane report` (node dist/report/cli.js, a process per run, as CI
 * runs it) reading 50 exports × 200 credentials (./reportFleet.ts), against `jq` making the same
 * selection over the same files (credential resources of certplane's types, their URN, type and
 * expiry output) — jq neither recognizes a type by its schema nor computes a status, so the ratio
 * is what that work costs over reading the JSON. The target is 5 s for the report; the
 * bench reports it, never asserts it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { measure, ms, type Timing } from "./measure";
import { generateFleet } from "./reportFleet";

const STACKS = 50;
const PER_STACK = 200;
const RUNS = 3;
const CLI = path.join(__dirname, "..", "dist", "report", "cli.js");

/** The jq program of the same selection (what a user scripted before `certplane report`). */
const JQ_PROGRAM =
  '.deployment.resources[] | select(.type | test("^(certplane:|pulumi-nodejs:dynamic/certplane:|tls:index/)")) ' +
  "| {urn, type, notAfter: (.outputs.notAfter // .outputs.validTo // .outputs.expirationDate // .outputs.validityEndTime)} " +
  "| select(.notAfter != null)";

function hasJq(): boolean {
  return spawnSync("jq", ["--version"], { encoding: "utf8" }).status === 0;
}

export async function benchReport(): Promise<{ rows: unknown; table: string[][] }> {
  const dir = path.join(__dirname, "..", ".tmp", "bench-report");
  fs.rmSync(dir, { recursive: true, force: true });
  const fleet = generateFleet(dir, STACKS, PER_STACK);
  const run = (args: string[]) =>
    execFileSync(process.execPath, [CLI, "report", ...args, ...fleet.files], {
      maxBuffer: 1024 * 1024 * 1024,
      encoding: "utf8",
    });
  // Each format must list every row: a bench that read nothing would be fast.
  const listed = (JSON.parse(run(["--json"])) as { rows: unknown[] }).rows.length;
  if (listed !== fleet.rows) throw new Error(`the report listed ${listed} rows of ${fleet.rows}`);
  const timings: [string, Timing][] = [
    ["certplane report (table)", await measure(RUNS, () => run([]))],
    ["certplane report --json", await measure(RUNS, () => run(["--json"]))],
    ["certplane report --prometheus", await measure(RUNS, () => run(["--prometheus"]))],
  ];
  let jq: Timing | undefined;
  if (hasJq()) {
    const select = () =>
      execFileSync("jq", ["-c", JQ_PROGRAM, ...fleet.files], {
        maxBuffer: 1024 * 1024 * 1024,
        encoding: "utf8",
      });
    const selected = select().trimEnd().split("\n").length;
    if (selected !== fleet.rows) throw new Error(`jq selected ${selected} rows of ${fleet.rows}`);
    jq = await measure(RUNS, select);
    timings.push(["jq (same selection, no status)", jq]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const table = [
    ["reader", "median ms", "min ms", "max ms", "ratio to jq"],
    ...timings.map(([label, t]) => [
      label,
      ms(t.medianMs),
      ms(t.minMs),
      ms(t.maxMs),
      jq ? `${(t.medianMs / jq.medianMs).toFixed(2)}×` : "jq not installed",
    ]),
  ];
  return {
    rows: {
      stacks: STACKS,
      credentialsPerStack: PER_STACK,
      rows: fleet.rows,
      resources: fleet.resources,
      megabytes: Math.round(fleet.bytes / 1e5) / 10,
      jq: jq ? "jq" : "not installed",
      timings: Object.fromEntries(timings),
    },
    table,
  };
}
