/**
 * The ready pack under the real Pulumi CLI through the plugin door: a YAML program
 * (tests/fixtures/policy/yaml) whose resources break four rules — one of them through the provider's
 * stack config, which the engine shows policies for plugin resources — and `pulumi preview
 * --policy-pack policy/run-policy-pack` fails with each rule's message naming resource and property.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { withSimulator } from "../support/withSimulator";
import type { PolicyPreview } from "../fixtures/policy/policyPreview";
import { previewYamlWithPack } from "../fixtures/policy/yamlPolicyPreview";
import { engineStateRoot, removeStateRoot, requirePulumiCli } from "./support/engine";

const PROJECT = path.join(REPO_ROOT, "tests", "fixtures", "policy", "yaml");

describe("engine: the policy pack through the plugin door (YAML)", function () {
  this.timeout(900_000);
  const sim = withSimulator();
  const stateRoot = engineStateRoot("policy-yaml");
  after(() => removeStateRoot(stateRoot));

  let result: PolicyPreview;
  before(async () => {
    result = await previewYamlWithPack(requirePulumiCli(), PROJECT, stateRoot, sim.env);
    console.log(`      (YAML preview with the pack: ${result.elapsedMs} ms)`);
  });

  it("fails, with exactly these violations, on the schema's types", () => {
    assert.equal(result.ok, false, result.output);
    assert.deepEqual(
      result.violations.map((v) => [v.level, v.rule, v.type, v.name]).sort(),
      [
        [
          "mandatory",
          "certplane-certificate-validity",
          "certplane:pca:SignedCertificate",
          "long-lived",
        ],
        [
          "mandatory",
          "certplane-tls-verification",
          "certplane:pca:SignedCertificate",
          "long-lived",
        ],
        [
          "mandatory",
          "certplane-proxy-credentials",
          "certplane:oraclesbc:CertificateRecord",
          "proxied",
        ],
        ["advisory", "certplane-key-rotation", "certplane:index:CertificateRequest", "stale-key"],
      ].sort(),
      result.output,
    );
  });

  it("each message names the resource, the property, the value and the limit", () => {
    const messages = Object.fromEntries(result.violations.map((v) => [v.rule, v.message]));
    assert.equal(
      messages["certplane-certificate-validity"],
      'pca.SignedCertificate "long-lived": certDurationHours is 4380, longer than allowed: at most 2160 hours (maxHours).',
    );
    assert.equal(
      messages["certplane-tls-verification"],
      'pca.SignedCertificate "long-lived": provider config certplane:pcaInsecureSkipTlsVerify is true, TLS verification is off: false or not set; trust a private CA with caCertPem instead.',
    );
    assert.equal(
      messages["certplane-proxy-credentials"],
      'oraclesbc.CertificateRecord "proxied": connection.proxyUrl is "http://***@127.0.0.1:3128", it carries inline credentials (shown as ***): no user name or password in the URL.',
    );
    assert.match(
      messages["certplane-key-rotation"],
      /^CertificateRequest "stale-key": rotateAfterHours is not set \(the key never rotates\), its key feeds appviewx\.SshCertificate "stale-ssh" \(publicKey\), .*at most 144 hours/,
    );
    assert.equal(result.output.includes("yaml-proxy-Pa55"), false);
  });
});
