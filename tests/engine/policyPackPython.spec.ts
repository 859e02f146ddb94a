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
import { venvPython } from "./support/pythonVenv";

const DRIVER_DIR = path.join(REPO_ROOT, "tests", "fixtures", "policy", "python");

describePluginBreaks("python", {
  async prepare({ env }) {
    const python = await venvPython(env);
    return (args) => ({
      file: python,
      // -B: no __pycache__ written into tests/fixtures/.
      args: ["-B", "preview_with_pack.py", ...driverFlags(args, "--")],
      cwd: DRIVER_DIR,
    });
  },
});
