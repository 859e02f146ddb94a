/**
 * `npm run demo` on the real engine: with a Pulumi CLI available the demo picks it by itself, says so,
 * and runs the quickstart and its consumer through `pulumi up` / `destroy`; stacks left up with
 * `--keep` are found unchanged by the next run (the simulator's state is kept beside them); it runs
 * any number of times in a row, and a folder an earlier certplane left is replaced with one line.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { requirePulumiCli } from "./support/engine";

describe("engine: npm run demo through the Pulumi CLI", function () {
  this.timeout(600_000);

  const demo = (args: string[], binDir: string): string =>
    execFileSync(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "demo", "index.ts"), ...args],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
        // The cache folder or PATH: whichever the tier found.
        env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` },
      },
    );

  it("picks the CLI unasked and says which; --keep leaves both stacks; the next run finds them unchanged and destroys them", () => {
    const cli = requirePulumiCli();
    fs.rmSync(path.join(REPO_ROOT, ".tmp", "demo-cli"), { recursive: true, force: true });

    const kept = demo(["--keep"], cli.binDir);
    const version = cli.version.replace(/\./g, "\\.");
    assert.match(kept, new RegExp(`through the Pulumi CLI ${version} from`));
    assert.match(kept, /^pulumi up\n(?:.*\n)*? {2}14 create in /m);
    assert.match(kept, /^pulumi up \(again[^\n]*\n(?:.*\n)*? {2}14 same in /m);
    assert.match(kept, /^\s+nsoUserKey\s+: \[secret\]$/m);
    assert.match(kept, /^sharesQuickstartKey +true$/m);
    assert.match(kept, /^--keep: both stacks stay up/m);

    // A new run starts a new simulator process: the kept certificates must still be there.
    const again = demo([], cli.binDir);
    assert.match(again, /^pulumi up\n(?:.*\n)*? {2}14 same in /m);
    assert.match(again, /^ {2}consumer: 2 delete, 1 discard in /m);
    assert.match(again, /^ {2}quickstart: 14 delete in /m);
    for (const output of [kept, again]) assert.equal(output.includes("PRIVATE KEY-----\n"), false);
  });

  it("runs again and again in the same folder (issue 29: the third run failed with AppViewX ERR-SSH-NB-459)", () => {
    const cli = requirePulumiCli();
    // The previous test left the folder as a plain run after --keep leaves it.
    for (const run of [1, 2]) {
      const output = demo([], cli.binDir);
      assert.match(output, /^pulumi up\n(?:.*\n)*? {2}14 create in /m, `run ${run}`);
      assert.match(output, /^ {2}quickstart: 14 delete in /m, `run ${run}`);
      assert.equal(output.includes("starting afresh"), false);
      assert.equal(output.includes("PRIVATE KEY-----\n"), false);
    }
  });

  it("replaces a folder an earlier certplane left with one line, never a vendor error", () => {
    const cli = requirePulumiCli();
    const folder = path.join(REPO_ROOT, ".tmp", "demo-cli");
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, "simulator.json"),
      JSON.stringify({ format: "certplane-simulator-state", version: 1, vendors: {} }),
    );
    const output = demo([], cli.binDir);
    assert.match(
      output,
      /^demo: \.tmp\/demo-cli was written by another certplane \(it has no demo state marker\); starting afresh\.\n/,
    );
    assert.match(output, /^ {2}quickstart: 14 delete in /m);
  });
});
