/**
 * examples/yaml-quickstart under the real Pulumi CLI as a user runs it: `pulumi up` in the project
 * folder (a copy, so the stack's settings stay out of examples/), the YAML language host
 * (tools/pulumi-yaml/build.sh puts it beside `pulumi`) reading the resource types from the plugin's
 * GetSchema. The checks are ./support/quickstartSuite's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { describeQuickstart } from "./support/quickstartSuite";
import { runChecked } from "./support/runCommand";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-quickstart");

describeQuickstart("yaml", {
  project: "yaml-quickstart",
  async prepare({ workDir, stackName, env, cliBinDir }) {
    // Builds pulumi-language-yaml once (minutes), then finds it in its cache.
    await runChecked(
      {
        file: "bash",
        args: [path.join(REPO_ROOT, "tools", "pulumi-yaml", "build.sh"), cliBinDir],
        cwd: REPO_ROOT,
      },
      env,
      900_000,
    );
    fs.copyFileSync(path.join(EXAMPLE, "Pulumi.yaml"), path.join(workDir, "Pulumi.yaml"));
    const pulumi = path.join(cliBinDir, "pulumi");
    const stack = `organization/yaml-quickstart/${stackName}`;
    await runChecked(
      { file: pulumi, args: ["stack", "init", stack, "--non-interactive"], cwd: workDir },
      env,
      60_000,
    );
    const args = {
      up: ["up", "--yes", "--skip-preview"],
      "preview-no-changes": ["preview", "--expect-no-changes"],
      destroy: ["destroy", "--yes", "--skip-preview"],
    };
    return (operation) => ({
      file: pulumi,
      args: [...args[operation], "--stack", stack, "--non-interactive"],
      cwd: workDir,
    });
  },
});
