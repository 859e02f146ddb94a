/**
 * Prometheus's own parser of the text exposition format (github.com/prometheus/common/expfmt), as
 * tests/report/promcheck/main.go runs it: the specs check `certplane report --prometheus` with it
 * rather than with a hand-written pattern. The Go program is built once per go.sum into
 * .tmp/promcheck/ (the Go module proxy serves its modules the first time, as for the Pulumi CLI).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../support/packageLink";

const SOURCE = path.join(REPO_ROOT, "tests", "report", "promcheck");

/** One parsed family: its type, help and samples. */
export interface ParsedFamily {
  name: string;
  type: string;
  help: string;
  samples: { labels: Record<string, string>; value: number }[];
}

/** The built checker's path (builds it when missing). */
function promcheckBinary(): string {
  const hash = createHash("sha256")
    .update(fs.readFileSync(path.join(SOURCE, "go.sum")))
    .update(fs.readFileSync(path.join(SOURCE, "main.go")))
    .digest("hex")
    .slice(0, 16);
  const binary = path.join(REPO_ROOT, ".tmp", "promcheck", hash, "promcheck");
  if (fs.existsSync(binary)) return binary;
  // Built under a name of this process's own, then renamed: parallel spec workers may build at once.
  const building = `${binary}.${process.pid}`;
  const build = spawnSync("go", ["build", "-o", building, "."], {
    cwd: SOURCE,
    encoding: "utf8",
    timeout: 600_000,
  });
  if (build.status !== 0) {
    throw new Error(
      `go build of ${SOURCE} failed (${build.error?.message ?? build.status}): ${build.stderr}`,
    );
  }
  fs.renameSync(building, binary);
  return binary;
}

/**
 * Parses exposition text with Prometheus's parser; throws with the parser's message when it
 * refuses the text.
 */
export function parseExposition(text: string): Record<string, ParsedFamily> {
  const run = spawnSync(promcheckBinary(), [], {
    input: text,
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`expfmt refused the text: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as Record<string, ParsedFamily>;
}
