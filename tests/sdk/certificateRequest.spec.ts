import assert from "node:assert/strict";
import { CertificateRequest } from "../../sdk/csr/certificateRequest";
import { installRecordingMocks, settle } from "../support/recordingMocks";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("CertificateRequest SDK class (runtime mocks)", () => {
  it("registers pulumi-nodejs:dynamic/certplane:CertificateRequest with privateKeyPem a secret output", async () => {
    const registrations = installRecordingMocks(() => ({
      privateKeyPem: "KEY",
      certRequestPem: "CSR",
    }));
    const csr = new CertificateRequest("nso-user", {
      subject: { commonName: "nso-user" },
      dnsNames: ["a.example"],
    });
    const { value } = await settle(csr.certRequestPem);
    assert.equal(value, "CSR");
    assert.equal(registrations.length, 1);
    const reg = registrations[0];
    assert.equal(reg.type, "pulumi-nodejs:dynamic/certplane:CertificateRequest");
    assert.equal(reg.name, "nso-user");
    assert.deepEqual(reg.additionalSecretOutputs, ["privateKeyPem"]);
    assert.deepEqual(reg.rawInputs.subject, { commonName: "nso-user" });
    assert.deepEqual(reg.rawInputs.dnsNames, ["a.example"]);
    assert.equal(typeof reg.rawInputs.__provider, "string");
  });

  it("sends a bring-your-own privateKeyPem to the engine as a secret", async () => {
    const registrations = installRecordingMocks();
    const csr = new CertificateRequest("byo", {
      privateKeyPem: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n",
      subject: { commonName: "b" },
    });
    await settle(csr.urn);
    const raw = registrations[0].rawInputs.privateKeyPem as Record<string, unknown>;
    assert.equal(raw[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(raw.value, "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n");
  });

  it("serializes a provider that loads its hooks by package specifier and captures nothing else", async () => {
    const registrations = installRecordingMocks();
    const a = new CertificateRequest("a", { subject: { commonName: "a" } });
    const b = new CertificateRequest("b", { algorithm: "ED25519", subject: { commonName: "b" } });
    await Promise.all([settle(a.urn), settle(b.urn)]);
    const [pa, pb] = registrations.map((r) => r.rawInputs.__provider as string);
    assert.equal(pa, pb);
    assert.ok(pa.length < 2048, `__provider is ${pa.length} bytes`);
    assert.ok(pa.includes('"pulumi-certplane/dist/provider/csr/certificateRequest"'));
    assert.ok(!pa.includes(process.cwd()), "no absolute path of this checkout");
    assert.ok(!/\/(home|work|tmp|root)\//.test(pa), "no absolute path at all");
  });
});
