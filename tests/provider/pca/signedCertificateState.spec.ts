/**
 * Issue 28, "store each thing once": pca.SignedCertificate's outputs hold neither the CSR nor the
 * key (only the CSR's fingerprint), and diff/update still tell a new CSR (replace) and a new, added
 * or removed key (update, re-validating) from the same ones — for state written now and for state
 * an earlier release wrote, which echoed both and had no fingerprint.
 */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import { makeKeyAndCsr } from "../../../provider/csr/certificateRequest";
import {
  check,
  create,
  diff,
  read,
  update,
  type SignedCertificateOutputs,
} from "../../../provider/pca/signedCertificate";
import type { SignedCertificateInputs } from "../../../provider/pca/signedCertificateInputs";
import { certRequestSha256 } from "../../../provider/pca/signedCertificateState";
import { pickEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";

const ENV_KEYS = ["CERTPLANE_PCA_URL", "CERTPLANE_PCA_TOKEN", "CERTPLANE_PCA_CA_CERT_PEM"];
const NONE = { changes: false, replaces: [], deleteBeforeReplace: false };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };
const REPLACE_CSR = { changes: true, replaces: ["certRequestPem"], deleteBeforeReplace: false };

describe("pca.SignedCertificate stores each thing once (issue 28)", () => {
  const sim = withSimulator({ vendors: ["pca"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  let csr: { certRequestPem: string; privateKeyPem: string };
  let other: { certRequestPem: string; privateKeyPem: string };
  let withKey: SignedCertificateInputs;
  let keyless: SignedCertificateInputs;
  let signed: SignedCertificateOutputs;

  const inputsWith = async (extra: Record<string, unknown> = {}) => {
    const news = { certRequestPem: csr.certRequestPem, requestedUsername: "nso-user", ...extra };
    const { inputs, failures } = await check({}, news);
    assert.deepEqual(failures, []);
    return inputs as unknown as SignedCertificateInputs;
  };
  const validations = () =>
    sim.countOf({ vendor: "pca", method: "GET", path: "/api/v1/auth/cert/validate/authorization" });
  /** The outputs as 0.1.x stored them: the CSR and the key echoed, no fingerprint. */
  const legacy = (outs: SignedCertificateOutputs, inputs: SignedCertificateInputs) => {
    const { certRequestSha256: _f, ...rest } = outs;
    return { ...rest, ...inputs } as unknown as SignedCertificateOutputs;
  };

  before(async () => {
    const make = (cn: string) =>
      makeKeyAndCsr({ algorithm: "ECDSA", ecdsaCurve: "P256", subject: { commonName: cn } });
    [csr, other] = await Promise.all([make("nso-user"), make("other")]);
    withKey = await inputsWith({ privateKeyPem: csr.privateKeyPem });
    keyless = await inputsWith();
    signed = (await create(withKey as never)).outs as SignedCertificateOutputs;
  });
  after(() => destroyAgents());

  it("create stores the CSR's DER fingerprint, not the CSR or the key", () => {
    assert.equal("certRequestPem" in signed, false);
    assert.equal("privateKeyPem" in signed, false);
    const der = Buffer.from(
      csr.certRequestPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""),
      "base64",
    );
    assert.equal(signed.certRequestSha256, crypto.createHash("sha256").update(der).digest("hex"));
    assert.match(signed.certRequestSha256, /^[0-9a-f]{64}$/);
    assert.equal(signed.validated, true);
    const text = JSON.stringify(signed);
    assert.equal(text.includes("PRIVATE KEY"), false);
    assert.equal(text.includes("CERTIFICATE REQUEST"), false);
  });

  it("diff of the CSR: the same (even re-wrapped with CRLF) is none, another replaces", async () => {
    assert.deepEqual(await diff("id", signed, withKey), NONE);
    const crlf = { ...withKey, certRequestPem: csr.certRequestPem.replace(/\n/g, "\r\n") };
    assert.deepEqual(await diff("id", signed, crlf), NONE);
    const changed = { ...keyless, certRequestPem: other.certRequestPem };
    assert.deepEqual(await diff("id", { ...signed, validated: undefined }, changed), REPLACE_CSR);
  });

  it("diff of the key: same → none; removed → update; another public key → update", async () => {
    assert.deepEqual(await diff("id", signed, withKey), NONE);
    assert.deepEqual(await diff("id", signed, keyless), UPDATE);
    const another = { ...withKey, privateKeyPem: other.privateKeyPem };
    assert.deepEqual(await diff("id", signed, another), UPDATE);
    // The same key in another encoding (SEC1 instead of PKCS#8) is the same key.
    const sec1 = crypto
      .createPrivateKey(csr.privateKeyPem)
      .export({ type: "sec1", format: "pem" })
      .toString();
    assert.deepEqual(await diff("id", signed, { ...withKey, privateKeyPem: sec1 }), NONE);
  });

  it("diff of the key where none was: none without one, update when one is added", async () => {
    const bare = (await create(keyless as never)).outs as SignedCertificateOutputs;
    assert.equal(bare.validated, undefined);
    assert.deepEqual(await diff("id", bare, keyless), NONE);
    const added = { ...withKey, certRequestPem: keyless.certRequestPem };
    assert.deepEqual(await diff("id", bare, added), UPDATE);
  });

  it("update: adding the key validates, the same key does not, removing it drops validated", async () => {
    const bare = (await create(keyless as never)).outs as SignedCertificateOutputs;
    let count = validations();
    const added = (await update(bare.serialNumber, bare, withKey as never))
      .outs as SignedCertificateOutputs;
    assert.equal(validations(), count + 1);
    assert.equal(added.validated, true);
    assert.equal("privateKeyPem" in added, false);
    count = validations();
    const same = (await update(bare.serialNumber, added, { ...withKey, earlyRenewalHours: 5 }))
      .outs as SignedCertificateOutputs;
    assert.equal(validations(), count, "the same key is not validated again");
    assert.equal(same.validated, true);
    const removed = (await update(bare.serialNumber, same, keyless as never))
      .outs as SignedCertificateOutputs;
    assert.equal(validations(), count);
    assert.equal(removed.validated, undefined);
    assert.deepEqual(await diff("id", removed, keyless), NONE);
  });

  it("check still refuses a key for another public key", async () => {
    const { failures } = await check({}, {
      ...withKey,
      privateKeyPem: other.privateKeyPem,
    } as unknown as Record<string, unknown>);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["privateKeyPem"],
    );
  });

  it("0.1.x state (echoes, no fingerprint): same inputs → none; new CSR → replace; new key → update", async () => {
    const old = legacy(signed, withKey);
    assert.equal(old.certRequestSha256, undefined);
    assert.deepEqual(await diff("id", old, withKey), NONE);
    const changed = { ...withKey, certRequestPem: other.certRequestPem };
    assert.deepEqual((await diff("id", old, changed)).replaces, ["certRequestPem"]);
    assert.deepEqual(await diff("id", old, keyless), UPDATE);
  });

  it("0.1.x state: update drops the echoes and adds the fingerprint; refresh keeps its layout", async () => {
    const old = legacy(signed, withKey);
    const count = validations();
    const updated = (await update(signed.serialNumber, old, { ...withKey, earlyRenewalHours: 3 }))
      .outs as SignedCertificateOutputs;
    assert.equal(validations(), count, "same key: nothing to validate");
    assert.deepEqual(updated, { ...signed, earlyRenewalHours: 3 });
    assert.equal(updated.certRequestSha256, certRequestSha256(csr.certRequestPem));
    // Refresh of old state re-validates with its echoed key and finds no drift (the upgrade spec).
    const refreshed = (await read(signed.serialNumber, old as never))
      .props as SignedCertificateOutputs;
    assert.equal(validations(), count + 1);
    assert.deepEqual(refreshed, old);
  });
});
