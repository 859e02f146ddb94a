/**
 * The built simulator CLI (dist/simulator/cli.js, the `certplane-simulator` bin) as a shell runs it:
 * `--` (which npx hands through to the program) is accepted and the flags after it apply; an unknown
 * flag still prints the usage and exits 1.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { withScratchDir } from "../support/withScratchDir";

const CLI = path.join(REPO_ROOT, "dist", "simulator", "cli.js");

/** A running CLI: what it printed so far, and its exit code once it exits. */
interface CliRun {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  stop: () => void;
}

function runCli(args: string[]): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    stop: () => child.kill("SIGTERM"),
  };
}

/** Waits (bounded: 20 s) until `ready()` holds. */
async function waitFor(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe("the certplane-simulator CLI (built)", function () {
  this.timeout(60_000);
  const { file } = withScratchDir("certplane-cli-");

  it("`-- --write-env FILE` (as npx passes it) writes the environment and runs until SIGTERM", async () => {
    const envFile = file("sim.env");
    const cli = runCli(["--", "--write-env", envFile, "--quiet", "--vendors", "oraclesbc"]);
    try {
      await waitFor(() => cli.stdout().includes("CERTPLANE_ORACLESBC_URL="), "the environment");
      assert.equal(fs.readFileSync(envFile, "utf8"), cli.stdout());
      assert.match(cli.stdout(), /^CERTPLANE_ORACLESBC_URL=https:\/\/127\.0\.0\.1:\d+$/m);
      assert.doesNotMatch(cli.stdout(), /^CERTPLANE_PCA_URL=/m, "--vendors after -- applies too");
    } finally {
      cli.stop();
    }
    assert.equal(await cli.exited, 0);
  });

  it("failing case: an unknown flag, before or after --, prints the usage and exits 1", async () => {
    for (const args of [["--bogus"], ["--", "--bogus"]]) {
      const cli = runCli(args);
      assert.equal(await cli.exited, 1);
      assert.match(cli.stderr(), /^certplane-simulator: unknown flag "--bogus"\nusage: /);
      assert.equal(cli.stdout(), "");
    }
  });
});
