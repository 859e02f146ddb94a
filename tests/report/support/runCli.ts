/**
 * `certplane` through its front door: `node dist/report/cli.js` (the package's bin) in a child
 * process, as a user or a CI job runs it. `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../support/packageLink";

export const CLI = path.join(REPO_ROOT, "dist", "report", "cli.js");

/** What a run printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `certplane <args>`; `env` over this process's, `input` on standard input. */
export function runCertplane(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): CliRun {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
