/**
 * The ready pack (policy/run-policy-pack) under the real Pulumi CLI, TypeScript through the dynamic
 * door: one program breaks every rule once (tests/fixtures/policy/dynamicBreaks.ts), and
 * `pulumi preview --policy-pack` fails on the mandatory rules, warns on the advisory ones, and prints
 * each rule's message naming the resource and the property; with every rule made advisory the same
 * preview succeeds and still warns. Secrets in the program never reach the output.
 */
import { strict as assert } from "node:assert";
import { withSimulator } from "../support/withSimulator";
import {
  BREAKS_PACK_ALL_ADVISORY,
  BREAKS_PACK_CONFIG,
  breaksLevel,
  declareBreaks,
  EXPECTED_BREAKS,
  PROXY_PASSWORD,
} from "../fixtures/policy/dynamicBreaks";
import { previewWithPack, type PolicyPreview } from "../fixtures/policy/policyPreview";
import { engineStateRoot, removeStateRoot, requirePulumiCli } from "./support/engine";

describe("engine: the policy pack through the dynamic door (TypeScript)", function () {
  this.timeout(300_000);
  const sim = withSimulator();
  const stateRoot = engineStateRoot("policy-pack");
  after(() => removeStateRoot(stateRoot));

  const preview = (projectName: string, packConfig: Record<string, unknown>) =>
    previewWithPack({
      cli: requirePulumiCli(),
      stateRoot,
      projectName,
      program: async () => declareBreaks(),
      env: sim.env,
      packConfig,
    });

  let defaults: PolicyPreview;
  before(async () => {
    defaults = await preview("policy-breaks", BREAKS_PACK_CONFIG);
    console.log(`      (preview with the pack: ${defaults.elapsedMs} ms)`);
  });

  it("fails, reporting each rule exactly once, on the resource that breaks it, at the rule's level", () => {
    assert.equal(defaults.ok, false, defaults.output);
    assert.deepEqual(
      defaults.violations.map((v) => [v.rule, v.level, v.message.split(":")[0]]).sort(),
      Object.entries(EXPECTED_BREAKS)
        .map(([rule, { resource }]) => [rule, breaksLevel(rule), resource])
        .sort(),
      defaults.output,
    );
  });

  for (const [rule, { resource, property }] of Object.entries(EXPECTED_BREAKS)) {
    it(`${rule}: the message names ${resource} and ${property}, and the CLI names the dynamic type`, () => {
      const found = defaults.violations.find((v) => v.rule === rule);
      assert.ok(found, `${rule} not reported:\n${defaults.output}`);
      assert.ok(found.message.startsWith(`${resource}: ${property} is `), found.message);
      assert.match(found.type, /^pulumi-nodejs:dynamic\/certplane:/);
    });
  }

  it("the proxy password and the key material never appear in the output", () => {
    assert.equal(defaults.output.includes(PROXY_PASSWORD), false);
    assert.equal(defaults.output.includes("proxy-user"), false);
    assert.equal(defaults.output.includes("PRIVATE KEY"), false);
  });

  it("with every rule advisory the preview succeeds and still warns for each", async () => {
    const warned = await preview("policy-breaks-advisory", BREAKS_PACK_ALL_ADVISORY);
    console.log(`      (preview with the pack, all advisory: ${warned.elapsedMs} ms)`);
    assert.equal(warned.ok, true, warned.output);
    assert.deepEqual(
      warned.violations.map((v) => [v.rule, v.level]).sort(),
      Object.keys(EXPECTED_BREAKS)
        .map((rule) => [rule, "advisory"])
        .sort(),
    );
  });
});
