/**
 * Import through the native plugin's front door (gRPC, as the engine speaks it): a Read with an id
 * and no state, as `pulumi import` and the `import` option send it. Each importable type's object is
 * made first (through the plugin's own create), then read back by its import id: the answer carries
 * the declared inputs (exact), outputs equal to the created ones (a PAT's token excepted: Zitadel
 * cannot give it back), and a diff of the program's inputs against them is none. The other types are
 * refused with their exact message; a malformed import id names its format. `npm run build` first.
 */
import { strict as assert } from "node:assert";
import { setTimeout as delay } from "node:timers/promises";
import { ProviderCallError } from "../../testing/providerClient";
import { secret, type WireObject } from "../../testing/wire";
import { newKeyAndCsr } from "../support/openssl";
import { OpensslCa } from "../support/testCa";
import { withSimulator } from "../support/withSimulator";
import { secretValue } from "./support/secretEnvelope";
import { nativeRef, withPlugin } from "./support/withPlugin";

const NO_CHANGE = { changes: "none", replaces: [], deleteBeforeReplace: false };

describe("native plugin: import (Read with an id and no state) for every type", function () {
  this.timeout(120_000);
  const sim = withSimulator();
  const plugin = withPlugin({
    env: () => ({ ...sim.env, CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "10" }),
  });
  let ca: OpensslCa;
  before(async () => {
    ca = OpensslCa.create();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 20 });
  });

  type Ref = ReturnType<typeof nativeRef>;
  const checked = async (ref: Ref, news: WireObject) => {
    const answer = await plugin.client.check(ref, {}, news);
    assert.deepEqual(answer.failures, []);
    return answer.inputs;
  };
  const created = async (ref: Ref, news: WireObject) =>
    plugin.client.create(ref, await checked(ref, news));
  /** The Read `pulumi import` sends: an id, no properties, no inputs. */
  const imported = (ref: Ref, id: string) => plugin.client.read(ref, id, {}, {});
  const diffOf = async (ref: Ref, id: string, outputs: WireObject, news: WireObject) => {
    const inputs = await checked(ref, news);
    return plugin.client.diff(ref, id, outputs, inputs, inputs, []);
  };
  const refusal = (message: string) => (error: unknown) => {
    assert.ok(error instanceof ProviderCallError, String(error));
    assert.equal(error.message, message);
    return true;
  };

  it("netfoundry.ClientCertificate by <frontdoorId>/<certificateId>: upload read back as declared", async () => {
    const ref = nativeRef("certplane:netfoundry:ClientCertificate", "client");
    const frontdoorId = sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID;
    const certificatePem = ca.sign(newKeyAndCsr("/CN=client.example.com").csrPem, 30);
    const made = await created(ref, { frontdoorId, name: "client-cert", certificatePem });

    const read = await imported(ref, `${frontdoorId}/${made.id}`);
    assert.equal(read.id, made.id);
    assert.deepEqual(read.inputs, {
      name: "client-cert",
      frontdoorId,
      certificatePem: made.outputs.certificatePem,
    });
    assert.deepEqual(read.outputs, made.outputs);
    const program = { frontdoorId, name: "client-cert", certificatePem };
    assert.deepEqual(await diffOf(ref, read.id, read.outputs, program), NO_CHANGE);
  });

  it("netfoundry.ClientCertificate by <certificateId>: the Frontdoor of the settings, left undeclared", async () => {
    const ref = nativeRef("certplane:netfoundry:ClientCertificate", "client");
    const certificatePem = ca.sign(newKeyAndCsr("/CN=bare.example.com").csrPem, 30);
    // frontdoorId from CERTPLANE_NETFOUNDRY_FRONTDOOR_ID, for the create as for the import.
    const made = await created(ref, { name: "bare-cert", certificatePem });

    const read = await imported(ref, made.id);
    assert.equal(read.id, made.id);
    assert.deepEqual(read.inputs, {
      name: "bare-cert",
      certificatePem: made.outputs.certificatePem,
    });
    assert.deepEqual(read.outputs, made.outputs);
    const program = { name: "bare-cert", certificatePem };
    assert.deepEqual(await diffOf(ref, read.id, read.outputs, program), NO_CHANGE);
  });

  it("failing cases: netfoundry.ClientCertificate by a malformed id names the formats; a missing one reads as gone", async () => {
    const ref = nativeRef("certplane:netfoundry:ClientCertificate", "client");
    await assert.rejects(
      imported(ref, "a/b/c"),
      refusal(
        'netfoundry.ClientCertificate cannot be imported by id "a/b/c": the id must be ' +
          '"<frontdoorId>/<certificateId>" or "<certificateId>", e.g. ' +
          '"3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c/cert-123e4567-e89b-12d3-a456-426614174000".',
      ),
    );
    const frontdoorId = sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID;
    const gone = await imported(ref, `${frontdoorId}/cert-does-not-exist`);
    assert.deepEqual(gone, { id: "", outputs: {}, inputs: undefined });
  });

  it("oraclesbc.CertificateRecord by name: non-default attributes declared, the same CSR read back", async () => {
    const ref = nativeRef("certplane:oraclesbc:CertificateRecord", "record");
    const program = {
      name: "sbc-import",
      commonName: "sbc.example.com",
      country: "GB",
      alternateNames: ["DNS:sbc.example.com"],
      keySize: 4096,
    };
    const made = await created(ref, program);

    const read = await imported(ref, "sbc-import");
    assert.equal(read.id, "sbc-import");
    assert.deepEqual(read.inputs, program);
    assert.deepEqual(read.outputs, made.outputs);
    assert.deepEqual(await diffOf(ref, read.id, read.outputs, program), NO_CHANGE);
    // A program that spells a device default out is the same record.
    const spelled = { ...program, state: "MA", keyAlgorithm: "rsa", saveAndActivate: true };
    assert.deepEqual(await diffOf(ref, read.id, read.outputs, spelled), NO_CHANGE);
  });

  it("oraclesbc.CertificateImport by record name: the device's certificate declared", async () => {
    const records = nativeRef("certplane:oraclesbc:CertificateRecord", "held");
    const record = await created(records, { name: "sbc-held", commonName: "held.example.com" });
    const certificatePem = ca.sign(record.outputs.certRequestPem as string, 30);
    const ref = nativeRef("certplane:oraclesbc:CertificateImport", "held-certificate");
    const made = await created(ref, { recordName: "sbc-held", certificatePem });

    const read = await imported(ref, "sbc-held");
    assert.equal(read.id, "sbc-held");
    assert.deepEqual(read.inputs, {
      recordName: "sbc-held",
      certificatePem: made.outputs.certificatePem,
    });
    assert.deepEqual(read.outputs, made.outputs);
    const program = { recordName: "sbc-held", certificatePem };
    assert.deepEqual(await diffOf(ref, read.id, read.outputs, program), NO_CHANGE);
  });

  it("pca.PersonalAccessToken by <userId>/<tokenId> and by <tokenId>: no token, everything else as created", async () => {
    const ref = nativeRef("certplane:pca:PersonalAccessToken", "pat");
    const program = { expirationDate: "2031-01-01T00:00:00Z" };
    const made = await created(ref, program);
    const expirationDate = (await checked(ref, program)).expirationDate;
    const userId = made.outputs.userId as string;
    const noToken = { ...made.outputs, token: secret("") };

    const mine = await imported(ref, made.id);
    assert.equal(mine.id, made.id);
    assert.deepEqual(mine.inputs, { expirationDate });
    assert.deepEqual(mine.outputs, noToken);
    assert.equal(secretValue(mine.outputs.token, "token"), "");
    assert.deepEqual(await diffOf(ref, mine.id, mine.outputs, program), NO_CHANGE);

    const theirs = await imported(ref, `${userId}/${made.id}`);
    assert.deepEqual(theirs.inputs, { expirationDate, userId });
    assert.deepEqual(theirs.outputs, noToken);
    assert.deepEqual(
      await diffOf(ref, theirs.id, theirs.outputs, { ...program, userId }),
      NO_CHANGE,
    );
    // The CLI shows a plugin's engine log lines, not its stderr: the warning must go there. It is
    // sent without waiting, so it may land just after the Read's answer (bounded wait).
    const warnings = () =>
      plugin.engineLogs.filter((line) => line.message.includes("imported without its secret"));
    for (let i = 0; i < 50 && warnings().length < 2; i++) await delay(20);
    assert.equal(warnings().length, 2, "one warning per import");
    assert.deepEqual(warnings()[0], {
      severity: "warning",
      message:
        `certplane: pca.PersonalAccessToken ${made.id} was imported without its secret ` +
        `(Zitadel shows a PAT's secret only when it is created), so the token output is "". Keep ` +
        `using the secret you saved when it was made, or have certplane make a new PAT whose ` +
        "token it keeps: `pulumi up --replace <urn of this resource>` (the new PAT exists before " +
        "this one is deleted).",
    });
    assert.equal(
      plugin.lines.some((line) => line.includes("imported without its secret")),
      false,
      "the warning reached the engine, so it is not also on stderr",
    );
  });

  it("failing cases: the types no vendor can read back are refused, saying why and what to do instead", async () => {
    await assert.rejects(
      imported(nativeRef("certplane:index:CertificateRequest", "key"), "SHA256:abc"),
      refusal(
        "certplane:index:CertificateRequest cannot be imported: its private key and CSR are made " +
          "by the provider and kept only in Pulumi state, so there is nothing outside a stack to " +
          "read back. Declare it instead: with no privateKeyPem a new key is made; to keep an " +
          "existing key, pass it as privateKeyPem (the CSR is built from it). Either way " +
          "`pulumi up` calls no vendor.",
      ),
    );
    await assert.rejects(
      imported(nativeRef("certplane:pca:SignedCertificate", "cert"), "0A1B"),
      refusal(
        "certplane:pca:SignedCertificate cannot be imported: PCA has no API that reads back or " +
          "lists the certificates it signed (only /distribution/sign-csr), so nothing can be read " +
          "by serial. Declare it with the key's certRequestPem and run `pulumi up`: PCA signs a " +
          "new certificate (the old one stays valid until it expires: PCA has no revoke API).",
      ),
    );
    await assert.rejects(
      imported(nativeRef("certplane:appviewx:SshCertificate", "ssh"), "1234"),
      refusal(
        "certplane:appviewx:SshCertificate cannot be imported: AppViewX CERT+ offers enroll and " +
          "revoke for SSH certificates but no call that reads one back by serial, so its " +
          "certificate, principals and validity cannot be recovered. Declare it and run `pulumi " +
          "up`: AppViewX issues a new certificate for the public key (revoke the old one in " +
          "AppViewX if it must stop working).",
      ),
    );
  });
});
