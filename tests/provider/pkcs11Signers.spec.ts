/**
 * Signers downstream of a key in a PKCS#11 token (SoftHSM2), against the simulator, unchanged: PCA
 * and NetFoundry (CSR mode) sign the token key's CSR, AppViewX signs its OpenSSH public key; each
 * issued certificate certifies the token's public key. Rotation of a token key is the usual diff.
 */
import { strict as assert } from "node:assert";
import * as appviewx from "../../provider/appviewx/sshCertificate";
import { destroyAgents } from "../../provider/core/tlsAgent";
import { parseCertificate, parseCsr } from "../../provider/core/x509";
import * as csr from "../../provider/csr/certificateRequest";
import * as netfoundry from "../../provider/netfoundry/clientCertificate";
import * as pca from "../../provider/pca/signedCertificate";
import { setLogSink } from "../../provider/core/log";
import { initSoftHsmToken, removeSoftHsmToken, type SoftHsmToken } from "../support/softhsm";
import { pickEnv, withEnv } from "../support/withEnv";
import { withSimulator } from "../support/withSimulator";

type Outs = Record<string, unknown>;

describe("signers downstream of a key in a PKCS#11 token (SoftHSM2)", () => {
  const sim = withSimulator({ vendors: ["pca", "netfoundry", "appviewx"] });
  withEnv(() =>
    pickEnv(sim.env, [
      "CERTPLANE_PCA_URL",
      "CERTPLANE_PCA_TOKEN",
      "CERTPLANE_PCA_CA_CERT_PEM",
      "CERTPLANE_NETFOUNDRY_URL",
      "CERTPLANE_NETFOUNDRY_TOKEN",
      "CERTPLANE_NETFOUNDRY_FRONTDOOR_ID",
      "CERTPLANE_NETFOUNDRY_CA_CERT_PEM",
      "CERTPLANE_APPVIEWX_URL",
      "CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM",
      "CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM",
      "CERTPLANE_APPVIEWX_CA_CERT_PEM",
    ]),
  );
  let token: SoftHsmToken;
  let key: { id: string; outs: Outs };
  let restoreLog: () => void;
  const news = () => ({
    algorithm: "ECDSA",
    subject: { commonName: "token-client" },
    rotateAfterHours: 24,
    pkcs11: {
      module: token.module,
      tokenLabel: token.tokenLabel,
      pin: token.pin,
      keyLabel: "signers",
    },
  });

  before(async () => {
    token = initSoftHsmToken("signers");
    restoreLog = setLogSink(() => undefined);
    const checked = await csr.check({}, news());
    assert.deepEqual(checked.failures, []);
    key = (await csr.create(checked.inputs)) as unknown as { id: string; outs: Outs };
  });
  after(async () => {
    if (key) await csr.delete(key.id, key.outs);
    restoreLog?.();
    destroyAgents();
    removeSoftHsmToken(token);
  });

  const publicKeySha256 = async () =>
    (await parseCsr(key.outs.certRequestPem as string)).publicKeySha256;

  async function created<T>(
    hooks: {
      check: (
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
      ) => Promise<{ inputs: object; failures: unknown[] }>;
      create: (inputs: never) => Promise<{ id: string; outs: T }>;
    },
    args: Record<string, unknown>,
  ): Promise<T> {
    const checked = await hooks.check({}, args);
    assert.deepEqual(checked.failures, []);
    return (await hooks.create(checked.inputs as never)).outs;
  }

  it("PCA signs the token key's CSR, without privateKeyPem (no mTLS validation)", async () => {
    const outs = (await created(pca, {
      certRequestPem: key.outs.certRequestPem,
      requestedUsername: "token-client",
    })) as unknown as Outs;
    const issued = parseCertificate(outs.certificatePem as string);
    assert.equal(issued.publicKeySha256, await publicKeySha256());
    assert.equal("validated" in outs, false);
  });

  it("NetFoundry (CSR mode) signs the token key's CSR", async () => {
    const outs = (await created(netfoundry, {
      name: "token-client",
      certRequestPem: key.outs.certRequestPem,
    })) as unknown as Outs;
    assert.equal(outs.subject, "CN=token-client");
    assert.equal(
      parseCertificate(outs.certificatePem as string).publicKeySha256,
      await publicKeySha256(),
    );
  });

  it("AppViewX signs the token key's OpenSSH public key", async () => {
    const outs = (await created(appviewx, {
      publicKey: key.outs.publicKeyOpenssh,
      certType: "User",
      principals: ["deploy"],
      validityValue: 1,
      validityUnit: "days",
      certificateIdentity: "token-client",
      caName: "testVendor.user.ca",
    })) as unknown as Outs;
    assert.match(outs.certificate as string, /^ecdsa-sha2-nistp256-cert-v01@openssh.com /);
  });

  it("a token key at its rotation age is replaced like any generated key (keyCreatedAt)", async () => {
    const checked = await csr.check({}, news());
    const aged = { ...key.outs, keyCreatedAt: "2020-01-01T00:00:00Z" };
    assert.deepEqual(await csr.diff(key.id, aged as never, checked.inputs as never), {
      changes: true,
      replaces: ["keyCreatedAt"],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await csr.diff(key.id, key.outs as never, checked.inputs as never), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});
