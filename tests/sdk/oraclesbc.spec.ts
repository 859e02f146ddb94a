import assert from "node:assert/strict";
import { oraclesbc } from "../../sdk";
import { installRecordingMocks, settle } from "../support/recordingMocks";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("oraclesbc SDK classes (runtime mocks)", () => {
  it("CertificateRecord registers certplane:OracleSbcCertificateRecord with the password a secret", async () => {
    const registrations = installRecordingMocks(() => ({ certRequestPem: "CSR" }));
    const record = new oraclesbc.CertificateRecord("rec", {
      name: "sbc-tls",
      commonName: "sbc.example.com",
      alternateNames: ["DNS:sbc.example.com"],
      connection: { url: "https://sbc.example", username: "admin", password: "pw-secret" },
    });
    assert.equal((await settle(record.certRequestPem)).value, "CSR");
    const reg = registrations[0];
    assert.equal(reg.type, "pulumi-nodejs:dynamic/certplane:OracleSbcCertificateRecord");
    assert.equal(reg.rawInputs.name, "sbc-tls");
    assert.deepEqual(reg.rawInputs.alternateNames, ["DNS:sbc.example.com"]);
    const conn = reg.rawInputs.connection as Record<string, Record<string, unknown>>;
    assert.equal(conn.password[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(conn.password.value, "pw-secret");
    assert.equal(conn.username, "admin");
    const provider = reg.rawInputs.__provider as string;
    assert.ok(provider.includes('"pulumi-certplane/dist/provider/oraclesbc/certificateRecord"'));
    assert.ok(!provider.includes("pw-secret"));
  });

  it("CertificateImport registers certplane:OracleSbcCertificateImport with the token a secret", async () => {
    const registrations = installRecordingMocks(() => ({ fingerprintSha256: "AB" }));
    const imported = new oraclesbc.CertificateImport("imp", {
      recordName: "sbc-tls",
      certificatePem: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
      connection: { url: "https://sbc.example", token: "tok-secret" },
    });
    assert.equal((await settle(imported.fingerprintSha256)).value, "AB");
    const reg = registrations[0];
    assert.equal(reg.type, "pulumi-nodejs:dynamic/certplane:OracleSbcCertificateImport");
    const conn = reg.rawInputs.connection as Record<string, Record<string, unknown>>;
    assert.equal(conn.token[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.ok(
      (reg.rawInputs.__provider as string).includes(
        '"pulumi-certplane/dist/provider/oraclesbc/certificateImport"',
      ),
    );
  });
});
