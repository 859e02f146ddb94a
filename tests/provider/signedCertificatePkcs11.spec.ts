/**
 * pca.SignedCertificate validated over mTLS with the CSR's key staying in a PKCS#11 token
 * (SoftHSM2 under .tmp/), against the simulator's PCA: the handshake signs in the token through
 * OpenSSL's PKCS#11 engine (Debian's libengine-pkcs11-openssl) in a child Node process. Create,
 * read, diff and update with `pkcs11`; PCA refusing the certificate; a wrong PIN, a wrong library, a
 * missing engine and a key that is not the certificate's, each named; `pkcs11` beside
 * `privateKeyPem` refused at check. No PIN in any message or log line.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as net from "node:net";
import { PartialCreateError } from "../../provider/core/errors";
import { setLogSink } from "../../provider/core/log";
import { destroyAgents } from "../../provider/core/tlsAgent";
import { makeKeyAndCsr } from "../../provider/csr/certificateRequest";
import * as csr from "../../provider/csr/certificateRequest";
import * as pca from "../../provider/pca/signedCertificate";
import { PcaClient } from "../../provider/pca/client";
import { resolvePcaConnection } from "../../provider/pca/connection";
import { pkcs11EnginePath } from "../../provider/csr/pkcs11Engine";
import { pkcs11Settings } from "../../provider/csr/pkcs11Settings";
import type { SignedCertificateOutputs } from "../../provider/pca/signedCertificate";
import { failure } from "../support/failure";
import {
  deleteKeyWithPkcs11Tool,
  initSoftHsmToken,
  removeSoftHsmToken,
  type SoftHsmToken,
} from "../support/softhsm";
import { pickEnv, whileEnv, withEnv } from "../support/withEnv";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";

type Outs = Record<string, unknown>;
const VALIDATE = { vendor: "pca", method: "GET", path: "/api/v1/auth/cert/validate/authorization" };
const WRONG_PIN = "wrong-pin-5d1e9a7c33";

describe("pca.SignedCertificate validated with a key in a PKCS#11 token (SoftHSM2)", function () {
  this.timeout(60_000);
  const sim = withSimulator({ vendors: ["pca"] });
  withEnv(() => ({
    ...pickEnv(sim.env, ["CERTPLANE_PCA_URL", "CERTPLANE_PCA_TOKEN", "CERTPLANE_PCA_CA_CERT_PEM"]),
    CERTPLANE_PKCS11_ENGINE: undefined,
  }));
  let token: SoftHsmToken;
  let key: { id: string; outs: Outs };
  let other: { id: string; outs: Outs };
  const logs: string[] = [];
  let restoreLog: () => void;

  const tokenSettings = () => ({
    module: token.module,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
  });
  const makeKey = async (keyLabel: string) => {
    const checked = await csr.check(
      {},
      {
        algorithm: "ECDSA",
        subject: { commonName: "token-client" },
        pkcs11: { ...tokenSettings(), keyLabel },
      },
    );
    assert.deepEqual(checked.failures, []);
    return (await csr.create(checked.inputs)) as unknown as { id: string; outs: Outs };
  };

  let foldersAtStart: string[];
  before(async () => {
    foldersAtStart = handshakeFolders();
    token = initSoftHsmToken("validate");
    restoreLog = setLogSink((line) => logs.push(line));
    key = await makeKey("validate");
    other = await makeKey("other");
  });
  after(async () => {
    if (key) await csr.delete(key.id, key.outs);
    if (other) await csr.delete(other.id, other.outs);
    restoreLog?.();
    destroyAgents();
    if (token) removeSoftHsmToken(token);
  });
  afterEach(() => sim.faults.clear());

  /** The token key's settings as a SignedCertificate names it: its label as the key reports it. */
  const pkcs11Of = (extra: Record<string, unknown> = {}) => ({
    ...tokenSettings(),
    keyLabel: key.outs.pkcs11KeyLabel,
    ...extra,
  });
  const checked = async (extra: Record<string, unknown>) => {
    const result = await pca.check(
      {},
      { certRequestPem: key.outs.certRequestPem, requestedUsername: "token-client", ...extra },
    );
    assert.deepEqual(result.failures, []);
    return result.inputs as Record<string, unknown>;
  };
  // The handshake makes its folders under os.tmpdir(), read from TMPDIR at each call: this suite's
  // own, since other spec files make theirs at the same time (mocha --parallel).
  const { dir: handshakeTmp } = withScratchDir("token-handshake-tmp-");
  withEnv(() => ({ TMPDIR: handshakeTmp }));
  /** The temporary folders the token handshake makes for its OpenSSL configuration. */
  const handshakeFolders = () =>
    fs.readdirSync(handshakeTmp).filter((name) => name.startsWith("certplane-pkcs11-"));
  const signCount = () =>
    sim.countOf({ vendor: "pca", method: "POST", path: "/distribution/sign-csr" });
  const validateCount = () => sim.countOf(VALIDATE);

  it("create signs the token key's CSR and PCA's mTLS validate accepts the certificate", async () => {
    const before = validateCount();
    const { id, outs } = await pca.create(await checked({ pkcs11: pkcs11Of() }));
    const o = outs as unknown as SignedCertificateOutputs & Outs;
    assert.equal(o.validated, true);
    assert.equal("validationMessage" in o, false);
    assert.equal("privateKeyPem" in o, false);
    assert.deepEqual(o.pkcs11, pkcs11Of());
    assert.equal(id, o.serialNumber);
    assert.equal(validateCount(), before + 1);
    // The simulator accepted it because the handshake presented the certificate PCA issued.
    const issued = sim.inventory().vendors.pca.certificates as Array<{ serialNumber: string }>;
    assert.ok(issued.some((c) => c.serialNumber.toUpperCase() === o.serialNumber));
  });

  it("pkcs11 from stack config or the environment: only keyLabel given", () =>
    whileEnv(
      {
        CERTPLANE_PKCS11_MODULE: token.module,
        CERTPLANE_PKCS11_TOKEN_LABEL: token.tokenLabel,
        CERTPLANE_PKCS11_PIN: token.pin,
      },
      async () => {
        const { outs } = await pca.create(
          await checked({ pkcs11: { keyLabel: key.outs.pkcs11KeyLabel } }),
        );
        assert.equal((outs as SignedCertificateOutputs).validated, true);
        assert.deepEqual((outs as Outs).pkcs11, { keyLabel: key.outs.pkcs11KeyLabel });
      },
    ));

  it("PCA refusing the certificate: validated false with PCA's message, a partial create", async () => {
    sim.faults.add({
      ...VALIDATE,
      kind: "status",
      status: 403,
      body: { error: "forbidden", message: "role ug_all_data_access not allowed" },
    });
    // The dynamic door's serialized provider comes back with the recorded resource, so that
    // resource can be deleted (the host adds it to a full create's outputs only).
    const error = await failure(
      pca.create({ ...(await checked({ pkcs11: pkcs11Of() })), __provider: "serialized" }),
    );
    assert.ok(error instanceof PartialCreateError, String(error));
    const props = error.properties as Outs;
    assert.equal(props.__provider, "serialized");
    assert.equal(props.validated, false);
    assert.equal(props.validationMessage, "forbidden: role ug_all_data_access not allowed");
    assert.match(
      error.reasons[0],
      /but its mTLS validate endpoint refused it \(forbidden: role ug_all_data_access not allowed\)/,
    );
  });

  it("read re-validates through the token: a certificate expired by the clock shows validated false", async () => {
    const { outs } = await pca.create(await checked({ pkcs11: pkcs11Of(), certDurationHours: 1 }));
    const o = outs as unknown as SignedCertificateOutputs;
    assert.equal(o.validated, true);
    sim.setClockOffset(2 * 3600);
    try {
      // pkcs11 is in the outputs, so even the dynamic door's refresh (no inputs) reaches the key.
      const { props } = await pca.read(o.serialNumber, o as never);
      assert.equal((props as SignedCertificateOutputs).validated, false);
      assert.equal(
        (props as SignedCertificateOutputs).validationMessage,
        "unauthorized: client certificate refused: expired",
      );
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("diff: the same pkcs11 is no change; a new label, giving or removing it updates in place", async () => {
    const { outs } = await pca.create(await checked({ pkcs11: pkcs11Of() }));
    const diffWith = async (extra: Record<string, unknown>) =>
      pca.diff("id", outs as never, (await checked(extra)) as never);
    const unchanged = { changes: false, replaces: [], deleteBeforeReplace: false };
    const updated = { changes: true, replaces: [], deleteBeforeReplace: false };
    assert.deepEqual(await diffWith({ pkcs11: pkcs11Of() }), unchanged);
    assert.deepEqual(await diffWith({ pkcs11: pkcs11Of({ keyLabel: "another" }) }), updated);
    assert.deepEqual(await diffWith({}), updated);
    const keyless = (await pca.create(await checked({}))).outs;
    assert.deepEqual(
      await pca.diff("id", keyless as never, (await checked({ pkcs11: pkcs11Of() })) as never),
      updated,
    );
  });

  it("update: giving pkcs11 validates through the token, removing it drops validated", async () => {
    const keyless = (await pca.create(await checked({}))).outs as unknown as Outs;
    assert.equal("validated" in keyless, false);
    const before = validateCount();
    const { outs: withToken } = await pca.update(
      "id",
      keyless as never,
      await checked({ pkcs11: pkcs11Of() }),
    );
    assert.equal((withToken as Outs).validated, true);
    assert.deepEqual((withToken as Outs).pkcs11, pkcs11Of());
    assert.equal(validateCount(), before + 1);
    const { outs: without } = await pca.update("id", withToken as never, await checked({}));
    assert.equal("validated" in (without as Outs), false);
    assert.equal("pkcs11" in (without as Outs), false);
    assert.equal(validateCount(), before + 1);
  });

  it("a wrong PIN: the error names pkcs11.pin and CKR_PIN_INCORRECT, never the PIN", async () => {
    const signed = signCount();
    const error = await failure(
      pca.create(await checked({ pkcs11: pkcs11Of({ pin: WRONG_PIN }) })),
    );
    assert.ok(error instanceof PartialCreateError, String(error));
    assert.equal(signCount(), signed + 1);
    assert.equal((error.properties as Outs).validated, false);
    assert.equal(
      error.reasons[0].replace(/certificate [0-9A-F]+/, "certificate <serial>"),
      "PCA signed certificate <serial>, but validating it over mTLS failed: Login to PKCS#11 token " +
        `"${token.tokenLabel}" (library "${token.module}") through OpenSSL's PKCS#11 engine was ` +
        "refused (CKR_PIN_INCORRECT: PIN incorrect) with the PIN from resource argument pkcs11.pin: " +
        "the PIN is wrong. Check pkcs11.pin; repeated wrong PINs may lock the token.",
    );
    for (const text of [error.message, ...error.reasons, ...logs]) {
      assert.equal(text.includes(WRONG_PIN), false, text);
      assert.equal(text.includes(token.pin), false, text);
      assert.equal(text.includes("pkcs11:token="), false, text);
    }
  });

  it("a library that does not load is named as pkcs11.module", async () => {
    const error = await failure(
      pca.create(await checked({ pkcs11: pkcs11Of({ module: "/nonexistent/libp11-missing.so" }) })),
    );
    assert.ok(error instanceof PartialCreateError, String(error));
    assert.match(
      error.reasons[0],
      /The PKCS#11 library "\/nonexistent\/libp11-missing\.so" \(pkcs11\.module, from resource argument pkcs11\.module\) could not be loaded by OpenSSL's PKCS#11 engine/,
    );
  });

  it("a key that is not the certificate's is named as pkcs11.keyLabel", async () => {
    const error = await failure(
      pca.create(await checked({ pkcs11: pkcs11Of({ keyLabel: other.outs.pkcs11KeyLabel }) })),
    );
    assert.ok(error instanceof PartialCreateError, String(error));
    assert.match(
      error.reasons[0],
      new RegExp(
        `The key labelled "${other.outs.pkcs11KeyLabel as string}" \\(pkcs11\\.keyLabel, from resource argument pkcs11\\.keyLabel\\) in PKCS#11 token .* is not the certificate's key`,
      ),
    );
  });

  it("a missing engine fails before PCA signs, naming the Debian package", () =>
    whileEnv({ CERTPLANE_PKCS11_ENGINE: "/nonexistent/engines-3/pkcs11.so" }, async () => {
      const signed = signCount();
      const error = await failure(pca.create(await checked({ pkcs11: pkcs11Of() })));
      assert.equal(error instanceof PartialCreateError, false);
      assert.equal(
        error.message,
        "Validating over mTLS with a key in a PKCS#11 token needs OpenSSL's PKCS#11 engine " +
          '(pkcs11.so), which is not at "/nonexistent/engines-3/pkcs11.so" (environment variable ' +
          "CERTPLANE_PKCS11_ENGINE). Install it (Debian/Ubuntu: `apt-get install " +
          "libengine-pkcs11-openssl`), or set CERTPLANE_PKCS11_ENGINE to the path of an engine " +
          "built for OpenSSL 3. See docs/keys-in-hsm.md.",
      );
      assert.equal(signCount(), signed);
    }));

  it("a key gone from the token: refresh keeps validated and warns, without the PIN", async () => {
    const gone = await makeKey("gone");
    let created = false;
    try {
      const result = await pca.check(
        {},
        {
          certRequestPem: gone.outs.certRequestPem,
          requestedUsername: "token-client",
          pkcs11: { ...tokenSettings(), keyLabel: gone.outs.pkcs11KeyLabel },
        },
      );
      const { outs } = await pca.create(result.inputs as never);
      created = true;
      deleteKeyWithPkcs11Tool(token, gone.outs.pkcs11KeyId as string);
      logs.length = 0;
      const { props } = await pca.read("id", outs as never);
      assert.equal((props as SignedCertificateOutputs).validated, true);
      const warned = logs.filter((line) => line.includes("Not re-validated over mTLS at refresh"));
      assert.equal(warned.length, 1, logs.join("\n"));
      assert.match(
        warned[0],
        new RegExp(`No private key labelled "${gone.outs.pkcs11KeyLabel as string}"`),
      );
      assert.equal(warned[0].includes(token.pin), false);
    } finally {
      await csr.delete(gone.id, gone.outs);
      assert.ok(created, "the certificate was not created");
    }
  });

  it("a server that never answers: the handshake process gives up after timeoutSeconds", async () => {
    const { outs } = await pca.create(await checked({}));
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const client = new PcaClient(
        resolvePcaConnection({ url: `https://127.0.0.1:${port}`, timeoutSeconds: 1 }),
      );
      const error = await failure(
        client.validate((outs as Outs).certificatePem as string, {
          pkcs11: pkcs11Settings(pkcs11Of()),
          enginePath: pkcs11EnginePath(),
        }),
      );
      assert.equal(
        error.message,
        `The mTLS request to https://127.0.0.1:${port} presenting the key in PKCS#11 token ` +
          `"${token.tokenLabel}" (library "${token.module}") failed (ETIMEDOUT: no answer within ` +
          "the timeout). Check the connection's url and caCertPem, and that the certificate is " +
          "the key's.",
      );
    } finally {
      silent.close();
    }
  });

  it("every handshake above removed its temporary OpenSSL configuration", () => {
    assert.deepEqual(handshakeFolders(), foldersAtStart);
  });

  it("check refuses pkcs11 beside privateKeyPem, and CertificateRequest-only settings", async () => {
    const pem = await makeKeyAndCsr({
      algorithm: "ECDSA",
      ecdsaCurve: "P256",
      subject: { commonName: "token-client" },
    });
    const both = await pca.check(
      {},
      {
        certRequestPem: pem.certRequestPem,
        requestedUsername: "token-client",
        privateKeyPem: pem.privateKeyPem,
        pkcs11: pkcs11Of(),
      },
    );
    assert.deepEqual(both.failures, [
      {
        property: "pkcs11",
        reason:
          "pkcs11 (validate with the CSR's key in a PKCS#11 token) cannot be combined with " +
          "privateKeyPem (validate with a PEM key). Remove one of them.",
      },
    ]);
    const making = await pca.check(
      {},
      {
        certRequestPem: key.outs.certRequestPem,
        requestedUsername: "token-client",
        pkcs11: pkcs11Of({ existingKey: true, keepKeyOnDelete: true }),
      },
    );
    assert.deepEqual(
      making.failures.map((f) => f.property),
      ["pkcs11.existingKey", "pkcs11.keepKeyOnDelete"],
    );
    assert.equal(
      making.failures[0].reason,
      "pkcs11.existingKey is a CertificateRequest setting (how its key is made and kept); " +
        "SignedCertificate's pkcs11 only names the key to validate with: module, tokenLabel, pin, " +
        "keyLabel. Remove existingKey.",
    );
  });
});
