/**
 * The ready pack (policy/run-policy-pack) under the real Pulumi CLI for a Python program through the
 * plugin door: tests/fixtures/policy/python/breaks.py (the generated SDK, sdk/python) declares the
 * resources of tests/fixtures/policy/dynamicBreaks.ts, and preview_with_pack.py previews it as an
 * Automation API inline program (Pulumi's Python language host cannot be built here) with
 * `stack.preview(policy_packs=[…], policy_pack_configs=[…])`. The checks are
 * tests/fixtures/policy/pluginBreaksSuite's. Python is the venv tools/python/venv.sh makes.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { driverFlags } from "../fixtures/policy/languagePolicyPreview";
import { describePluginBreaks } from "../fixtures/policy/pluginBreaksSuite";
import { runChecked } from "./support/runCommand";

const DRIVER_DIR = path.join(REPO_ROOT, "tests", "fixtures", "policy", "python");

describePluginBreaks("python", {
  async prepare({ env }) {
    // Makes the venv once (about a minute), then reuses it; fails when there is no python3.
    const venv = (
      await runChecked(
        {
          file: "bash",
          args: [path.join(REPO_ROOT, "tools", "python", "venv.sh")],
          cwd: REPO_ROOT,
        },
        env,
        600_000,
      )
    ).trim();
    // -B: no __pycache__ written into tests/fixtures.
    return (args) => ({
      file: path.join(venv, "bin", "python"),
      args: ["-B", "preview_with_pack.py", ...driverFlags(args, "--")],
      cwd: DRIVER_DIR,
    });
  },
});
