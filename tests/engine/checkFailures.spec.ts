/**
 * Bad input under the real Pulumi CLI (issue 18's sample): each row of the table — inputs whose
 * check failures were once lost as "check failed: Unexpected struct type." — is previewed through the
 * CLI on its own, and what the CLI prints names the property and the value the hook saw. The whole
 * table runs through the provider server in tests/provider/checkThroughServer.spec.ts; this is the
 * engine agreeing on a sample of it — with issue 24's rows: a date-pinned PAT inside its renewal
 * window, and an expired certificate to import, each failing `pulumi preview`.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { CliStack } from "../../tools/devkit/cliStack";
import { REPO_ROOT } from "../support/packageLink";
import { NOW, RULES } from "../provider/checkThroughServer/rejectedInputs";
import { engineStateRoot, removeStateRoot, requirePulumiCli } from "./support/engine";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "checkThroughServer", "program.ts");

/** The table, as (resource type, row title) pairs of rejectedInputs.ts. */
const SAMPLE: [string, string, string][] = [
  ["pca.PersonalAccessToken", 'expirationDate "next tuesday"', '"next tuesday"'],
  ["pca.PersonalAccessToken", "an expirationDate in the past (by the provider clock)", "2030"],
  [
    "pca.PersonalAccessToken",
    "an expirationDate inside its renewal window (a renewal would repeat the date)",
    "earlyRenewalHours 720 opens it at 2030-05-21T00:00:00Z and now is 2030-06-01T00:00:00Z",
  ],
  [
    "oraclesbc.CertificateImport",
    "an expired certificatePem (by the provider clock)",
    "its notAfter is 2030-01-01T00:00:00Z and now is 2030-06-01T00:00:00Z (the provider clock)",
  ],
  ["netfoundry.ClientCertificate", 'name ""', 'got ""'],
  ["appviewx.SshCertificate", 'validityUnit "fortnights"', '"fortnights"'],
  ["appviewx.SshCertificate", 'publicKey "ssh-rsa AAAA nope"', "ssh-rsa AAAA nope"],
  ["pca.SignedCertificate", 'requestedUsername "a b"', '"a b"'],
];

describe("engine: bad input reaches the user through the Pulumi CLI", function () {
  this.timeout(600_000);
  const stateRoot = engineStateRoot("check-failures");
  let stack: CliStack;

  before(() => {
    stack = new CliStack({
      program: PROGRAM,
      stackName: "dev",
      stateRoot,
      cli: requirePulumiCli(),
      env: { CERTPLANE_NOW: NOW, CERTPLANE_NETFOUNDRY_FRONTDOOR_ID: "" },
    });
  });
  after(async () => {
    await stack?.close();
    removeStateRoot(stateRoot);
  });

  for (const [type, title, shows] of SAMPLE) {
    it(`${type}: ${title} → the CLI prints the property and the value`, async () => {
      const rules = RULES.find((r) => r.type === type);
      const row = rules?.rejects.find((r) => r.title === title);
      assert.ok(rules && row, `no row "${title}" for ${type} in rejectedInputs.ts`);
      const args: Record<string, unknown> = { ...rules.base, ...row.args };
      for (const key of row.omit ?? []) delete args[key];

      const result = await stack.attempt({
        kind: "preview",
        config: { resources: { value: JSON.stringify([{ type, name: "bad", args }]) } },
      });
      const printed = `${result.output}\n${result.error ?? ""}`;
      assert.equal(result.ok, false, "the preview should fail at check");
      assert.equal(printed.includes("Unexpected struct type"), false, printed);
      assert.ok(printed.includes(row.property), `the CLI should name ${row.property}:\n${printed}`);
      assert.ok(printed.includes(shows), `the CLI should show ${shows}:\n${printed}`);
    });
  }
});
