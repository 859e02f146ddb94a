/**
 * Every example under the ready pack at its defaults: `pulumi preview --policy-pack
 * policy/run-policy-pack` through the real CLI (TypeScript examples as inline programs, the YAML
 * quickstart through the plugin). EXAMPLE_FINDINGS is what the pack reports for each, exactly.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { withSimulator } from "../support/withSimulator";
import {
  moduleProgram,
  previewWithPack,
  type PolicyPreview,
} from "../fixtures/policy/policyPreview";
import { previewYamlWithPack } from "../fixtures/policy/yamlPolicyPreview";
import { engineStateRoot, removeStateRoot, requirePulumiCli } from "./support/engine";

/**
 * `level rule name` per example: what the pack finds (a mandatory finding fails the preview). The
 * examples' SSH certificates (quickstart, appviewx-ssh, and yaml-quickstart's weekly one on a key
 * that rotates with its PCA certificate) renew for the same key: their few days of validity are the
 * control, a choice the examples explain (advisory: a renewal for the same key). netfoundry-frontdoor and yaml-quickstart had certificates with no renewal window (mandatory);
 * they were given one, and the NetFoundry keys rotate with their windows (issue 26).
 */
const EXAMPLE_FINDINGS: Record<string, string[]> = {
  quickstart: ["advisory certplane-key-rotation deploy", "advisory certplane-key-rotation web1"],
  "appviewx-ssh": [
    "advisory certplane-key-rotation deploy",
    "advisory certplane-key-rotation web1",
  ],
  "netfoundry-frontdoor": [],
  "oraclesbc-tls": [],
  "pca-gnmi-pat": [],
  "pca-nso-mtls": [],
  "yaml-quickstart": ["advisory certplane-key-rotation user-key"],
};

describe("engine: every example under the policy pack's defaults", function () {
  this.timeout(900_000);
  const sim = withSimulator();
  const stateRoot = engineStateRoot("policy-examples");
  after(() => removeStateRoot(stateRoot));

  for (const [example, findings] of Object.entries(EXAMPLE_FINDINGS)) {
    it(`${example}: ${findings.length === 0 ? "passes" : findings.join("; ")}`, async () => {
      const dir = path.join(REPO_ROOT, "examples", example);
      let result: PolicyPreview;
      if (example.startsWith("yaml-")) {
        result = await previewYamlWithPack(requirePulumiCli(), dir, stateRoot, sim.env);
      } else {
        result = await previewWithPack({
          cli: requirePulumiCli(),
          stateRoot,
          projectName: example,
          program: moduleProgram(path.join(dir, "index.ts")),
          env: sim.env,
        });
      }
      console.log(`      (${example}: ${result.elapsedMs} ms)`);
      assert.deepEqual(
        result.violations.map((v) => `${v.level} ${v.rule} ${v.name}`).sort(),
        [...findings].sort(),
        result.output,
      );
      const mandatory = findings.some((finding) => finding.startsWith("mandatory"));
      assert.equal(result.ok, !mandatory, result.output);
    });
  }
});
