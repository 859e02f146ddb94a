/**
 * The ready pack (policy/run-policy-pack) under the real Pulumi CLI for a Go program through the
 * plugin door: tests/fixtures/policy/go (the generated SDK, sdk/go) declares the resources of
 * tests/fixtures/policy/dynamicBreaks.ts and previews them as an Automation API inline program
 * (Pulumi's Go language host is not built here) with `optpreview.PolicyPacks` and
 * `optpreview.PolicyPackConfigs`. The checks are tests/fixtures/policy/pluginBreaksSuite's.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { driverFlags } from "../fixtures/policy/languagePolicyPreview";
import { describePluginBreaks } from "../fixtures/policy/pluginBreaksSuite";
import { runChecked } from "./support/runCommand";

const DRIVER_DIR = path.join(REPO_ROOT, "tests", "fixtures", "policy", "go");

describePluginBreaks("go", {
  async prepare({ stateRoot, env }) {
    // The first build compiles sdk/v3 and the generated SDK (minutes); Go's build cache keeps them.
    const driver = path.join(stateRoot, "policy-breaks");
    await runChecked(
      { file: "go", args: ["build", "-o", driver, "."], cwd: DRIVER_DIR },
      env,
      900_000,
    );
    return (args) => ({ file: driver, args: driverFlags(args, "-"), cwd: DRIVER_DIR });
  },
});
