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
import { venvPython } from "./support/pythonVenv";

const EXAMPLE = path.join(REPO_ROOT, "examples", "python-quickstart");

describeQuickstart("python", {
  project: "python-quickstart",
  async prepare({ workDir, stackName, env }) {
    const python = await venvPython(env);
    return (operation) => ({
      file: python,
      // -B: no __pycache__ written into examples/.
      args: ["-B", "inline.py", "--work-dir", workDir, "--stack", stackName, operation],
      cwd: EXAMPLE,
    });
  },
});
