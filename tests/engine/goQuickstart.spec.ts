/**
 * examples/go-quickstart under the real Pulumi CLI. Pulumi's Go language host (pulumi-language-go) is
 * not built here, so the program runs as a Go Automation API inline program: the spec builds
 * examples/go-quickstart/inline (the example's program, quickstart.Program, run by
 * auto.UpsertStackInlineSource) and runs it; the CLI on PATH runs the engine and the plugin, exactly
 * the resources `pulumi up` of main.go would register. The checks are ./support/quickstartSuite's.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { describeQuickstart } from "./support/quickstartSuite";
import { runChecked } from "./support/runCommand";

const EXAMPLE = path.join(REPO_ROOT, "examples", "go-quickstart");

describeQuickstart("go", {
  project: "go-quickstart",
  async prepare({ workDir, stackName, env }) {
    // The first build compiles sdk/v3 and the generated SDK (minutes); Go's build cache keeps them.
    const driver = path.join(path.dirname(workDir), "go-quickstart-inline");
    await runChecked(
      { file: "go", args: ["build", "-o", driver, "./inline"], cwd: EXAMPLE },
      env,
      900_000,
    );
    return (operation) => ({
      file: driver,
      args: ["-work-dir", workDir, "-stack", stackName, operation],
      cwd: EXAMPLE,
    });
  },
});
