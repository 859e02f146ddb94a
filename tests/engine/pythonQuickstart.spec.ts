/**
 * examples/python-quickstart under the real Pulumi CLI. Pulumi's Python language host
 * (pulumi-language-python) cannot be built here, so the program runs as a Python Automation API inline
 * program (examples/python-quickstart/inline.py): the program runs in the Python process, the CLI on
 * PATH runs the engine and the plugin, exactly the resources `pulumi up` would register. Python is the
 * venv tools/python/venv.sh makes (`pulumi` from the hashed lock, sdk/python installed). The checks are
 * ./support/quickstartSuite's.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { describeQuickstart } from "./support/quickstartSuite";
import { runChecked } from "./support/runCommand";

const EXAMPLE = path.join(REPO_ROOT, "examples", "python-quickstart");

describeQuickstart("python", {
  project: "python-quickstart",
  async prepare({ workDir, stackName, env }) {
    // Makes the venv once (about a minute), then reuses it; fails when there is no python3.
    // -B: no __pycache__ written into examples/.
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
    return (operation) => ({
      file: path.join(venv, "bin", "python"),
      args: ["-B", "inline.py", "--work-dir", workDir, "--stack", stackName, operation],
      cwd: EXAMPLE,
    });
  },
});
