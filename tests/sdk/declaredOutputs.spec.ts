/**
 * Every output a class declares is an Output on the resource, also when it echoes an optional
 * input the program did not give (Pulumi makes outputs only of the keys in a resource's props),
 * and naming those keys sends nothing more to the engine; an output the schema derives
 * (`concatenationOf`) is made from its parts and not registered.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { appviewx, CertificateRequest, netfoundry, oraclesbc, pca } from "../../sdk";
import { derivedOutputs } from "../../provider/core/packageSchema";
import { readSchema } from "../../tools/generate/generate";
import { installRecordingMocks, settle } from "../support/recordingMocks";

const schema = readSchema();

/** Each resource with only its required arguments, by schema token. */
const MINIMAL: Record<string, (name: string) => pulumi.CustomResource> = {
  "certplane:index:CertificateRequest": (name) => new CertificateRequest(name, {}),
  "certplane:pca:SignedCertificate": (name) =>
    new pca.SignedCertificate(name, { certRequestPem: "CSR", requestedUsername: "nso-user" }),
  // Exactly one of expirationDate and lifetimeHours: check requires it, the schema neither.
  "certplane:pca:PersonalAccessToken": (name) => new pca.PersonalAccessToken(name, {}),
  "certplane:appviewx:SshCertificate": (name) =>
    new appviewx.SshCertificate(name, {
      publicKey: "ssh-ed25519 AAAA",
      certType: "User",
      principals: ["ops"],
      validityValue: 1,
      validityUnit: "days",
      certificateIdentity: "ops-key",
      caName: "ssh-ca",
    }),
  "certplane:netfoundry:ClientCertificate": (name) =>
    new netfoundry.ClientCertificate(name, { name: "mesh" }),
  "certplane:oraclesbc:CertificateRecord": (name) =>
    new oraclesbc.CertificateRecord(name, { name: "sbc-tls" }),
  "certplane:oraclesbc:CertificateImport": (name) =>
    new oraclesbc.CertificateImport(name, { recordName: "sbc-tls", certificatePem: "PEM" }),
};

describe("declared outputs of every sdk class (runtime mocks)", () => {
  it("covers every resource of the schema", () => {
    assert.deepEqual(Object.keys(MINIMAL).sort(), Object.keys(schema.resources).sort());
  });

  for (const [token, make] of Object.entries(MINIMAL)) {
    const resource = schema.resources[token];
    it(`${token}: each schema output is an Output with the engine's value; inputs sent are the args`, async () => {
      const outputs = Object.keys(resource.properties);
      const registrations = installRecordingMocks(() =>
        Object.fromEntries(outputs.map((output) => [output, `${output} from the engine`])),
      );
      const made = make("minimal") as unknown as Record<string, pulumi.Output<unknown>>;
      const missing = outputs.filter((output) => !pulumi.Output.isInstance(made[output]));
      assert.deepEqual(missing, [], "declared outputs that are not Outputs on the resource");
      // A derived output is made from its parts' values, whatever the engine holds under its name.
      const derived = new Map(derivedOutputs(resource));
      const expected = (output: string) =>
        derived
          .get(output)
          ?.map((part) => `${part} from the engine`)
          .join("") ?? `${output} from the engine`;
      for (const output of outputs)
        assert.equal((await settle(made[output])).value, expected(output), output);
      const sent = Object.keys(registrations[0].rawInputs).filter((key) => key !== "__provider");
      assert.deepEqual(sent.sort(), [...resource.requiredInputs].sort());
      // A derived output is not registered, so the engine neither asks for nor stores it.
      for (const output of derived.keys())
        assert.equal(output in registrations[0].rawInputs, false);
    });
  }
});
