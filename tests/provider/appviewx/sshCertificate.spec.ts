/**
 * appviewx.SshCertificate hooks against the simulator (seed 002): check, create with the certificate
 * cross-checked and read by ssh-keygen, diff (replace; delete-before-replace only when revocation can
 * free the key), the 268 explanation, revocation on delete, each seed code mapped with its remediation
 * and argument, and mTLS failures naming the client certificate.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import sshpk from "sshpk";
import { fixedClock, setClock } from "../../../provider/core/clock";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import {
  check,
  create,
  diff,
  remove,
  type SshCertificateOutputs,
} from "../../../provider/appviewx/sshCertificate";
import type { SshCertificateInputs } from "../../../provider/appviewx/sshCertificateInputs";
import { tempFile } from "../../support/openssl";
import { pickEnv, whileEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";
import { failure } from "../../support/failure";

const ENV_KEYS = [
  "CERTPLANE_APPVIEWX_URL",
  "CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM",
  "CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM",
  "CERTPLANE_APPVIEWX_CA_CERT_PEM",
  "CERTPLANE_APPVIEWX_REVOCATION_USERNAME",
  "CERTPLANE_APPVIEWX_REVOCATION_PASSWORD",
];
const newPublicKey = () => sshpk.generatePrivateKey("ed25519").toPublic().toString("ssh");

describe("appviewx.SshCertificate hooks against the simulator", () => {
  const sim = withSimulator({ vendors: ["appviewx"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  after(() => destroyAgents());

  const args = (extra: Record<string, unknown> = {}) => ({
    publicKey: newPublicKey(),
    certType: "User",
    principals: ["admin", "deploy"],
    validityValue: 1,
    validityUnit: "days",
    certificateIdentity: "ci-runner",
    caName: "testVendor.user.ca",
    ...extra,
  });
  const inputsWith = async (extra: Record<string, unknown> = {}) => {
    const { inputs, failures } = await check({}, args(extra));
    assert.deepEqual(failures, []);
    return inputs as unknown as SshCertificateInputs;
  };
  const stored = () =>
    sim.inventory().vendors.appviewx.certificates as { serialNumber: string; status: string }[];

  it("check rejects a bad key, type, unit, empty principals and a window as long as the validity", async () => {
    const { failures } = await check(
      {},
      args({
        publicKey: "not a key",
        certType: "Robot",
        validityUnit: "fortnights",
        principals: [],
        validityValue: 0,
      }),
    );
    assert.deepEqual(
      failures.map((f) => f.property),
      ["publicKey", "certType", "principals", "validityValue", "validityUnit"],
    );
    const window = await check({}, args({ earlyRenewalHours: 24 }));
    assert.deepEqual(window.failures, [
      {
        property: "earlyRenewalHours",
        reason: "earlyRenewalHours must be smaller than the validity (24 hours); got 24.",
      },
    ]);
  });

  it("create enrolls; the certificate carries the requested key id, principals and validity (ssh-keygen -L)", async () => {
    const inputs = await inputsWith();
    const { id, outs } = await create(inputs as never);
    const o = outs as SshCertificateOutputs;
    assert.equal(id, o.serialNumber);
    assert.equal((Date.parse(o.validTo) - Date.parse(o.validFrom)) / 3_600_000, 24);
    // The contract's `extensions` output: the response's object, as seed 002's sample shows it.
    assert.deepEqual(o.extensions, {
      permitX11Forwarding: true,
      permitAgentForwarding: true,
      permitPortForwarding: true,
      permitPty: true,
      permitUserRc: true,
    });
    const listed = execFileSync(
      "ssh-keygen",
      ["-L", "-f", tempFile("cert.pub", `${o.certificate}\n`)],
      { encoding: "utf8" },
    );
    assert.match(listed, /user certificate/);
    assert.match(listed, /Key ID: "ci-runner"/);
    assert.match(listed, /Principals: \n\s+admin\n\s+deploy\n/);
    assert.match(listed, new RegExp(`Serial: ${o.serialNumber}\\n`));
  });

  it("diff replaces on principals; deletes first only when the key stays and revocation is configured", async () => {
    const inputs = await inputsWith();
    const { id, outs } = await create(inputs as never);
    const olds = outs as SshCertificateOutputs;
    assert.equal((await diff(id, olds, inputs)).changes, false);
    const principals = await diff(id, olds, { ...inputs, principals: ["admin"] });
    assert.deepEqual(
      [principals.replaces, principals.deleteBeforeReplace],
      [["principals"], false],
    );
    const revocable = await diff(id, olds, {
      ...inputs,
      principals: ["admin"],
      revocation: { groupName: "default" },
    });
    assert.equal(revocable.deleteBeforeReplace, true);
    const newKey = await diff(id, olds, {
      ...inputs,
      publicKey: newPublicKey(),
      revocation: { groupName: "default" },
    });
    assert.deepEqual([newKey.replaces, newKey.deleteBeforeReplace], [["publicKey"], false]);
    const restore = setClock(fixedClock(Date.parse(olds.notAfter) - 3_600_000));
    try {
      assert.deepEqual((await diff(id, olds, { ...inputs, earlyRenewalHours: 2 })).replaces, [
        "notAfter",
      ]);
    } finally {
      restore();
    }
  });

  it("a second certificate for the same key fails with ERR-SSH_NB-268 and both ways out", async () => {
    const inputs = await inputsWith();
    await create(inputs as never);
    const error = await failure(create(inputs as never));
    assert.match(error.message, /ERR-SSH_NB-268/);
    assert.match(error.message, /Please make sure to use different public key/);
    assert.match(error.message, /rotate the key \(a new publicKey\), or configure revocation/);
  });

  it("with revocation, delete revokes (Active → Revoked) and a second delete is harmless", async () => {
    const inputs = await inputsWith({ revocation: { groupName: "default", reason: "superseded" } });
    const { id, outs } = await create(inputs as never);
    await remove(id, outs as SshCertificateOutputs);
    assert.equal(stored().find((c) => c.serialNumber === id)?.status, "Revoked");
    await remove(id, outs as SshCertificateOutputs);
    await create(inputs as never); // the key is free again
  });

  it("maps each request error code to its remediation and the argument involved", async () => {
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ caName: "no-such-ca" }, /ERR-SSH-NB-350/, "caName"],
      [{ caName: "retired-user-ca" }, /ERR-SSH_NB-267/, "caName"],
      [{ caName: "avx-host-ca" }, /ERR-SSH_NB-263/, "caName"],
      [
        { caName: "short-lived-user-ca", validityValue: 2, validityUnit: "months" },
        /ERR-SSH_NB-264/,
        "validityValue",
      ],
    ];
    for (const [extra, code, property] of cases) {
      const error = await failure(create((await inputsWith(extra)) as never));
      assert.match(error.message, code);
      assert.match(error.message, new RegExp(property));
    }
  });

  it("mTLS failures name the client certificate: not set, untrusted issuer, expired", async () => {
    await whileEnv({ CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM: undefined }, async () => {
      const none = await failure(create((await inputsWith()) as never));
      assert.match(none.message, /clientCertificatePem is not set/);
      assert.match(none.message, /CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM/);
    });
    const untrusted = (await sim.action("appviewx", "clientCertificate", {
      kind: "untrusted",
    })) as { certificatePem: string; privateKeyPem: string };
    const e459 = await failure(
      create(
        (await inputsWith({
          connection: {
            clientCertificatePem: untrusted.certificatePem,
            clientPrivateKeyPem: untrusted.privateKeyPem,
          },
        })) as never,
      ),
    );
    assert.match(e459.message, /ERR-SSH-NB-459/);
    assert.match(e459.message, /connection\.clientCertificatePem/);
    assert.equal(e459.message.includes("PRIVATE KEY"), false);
    const expired = (await sim.action("appviewx", "clientCertificate", { kind: "expired" })) as {
      certificatePem: string;
      privateKeyPem: string;
    };
    const e463 = await failure(
      create(
        (await inputsWith({
          connection: {
            clientCertificatePem: expired.certificatePem,
            clientPrivateKeyPem: expired.privateKeyPem,
          },
        })) as never,
      ),
    );
    assert.match(e463.message, /ERR-SSH-NB-463/);
    assert.match(e463.message, /client certificate has expired/);
  });
});
