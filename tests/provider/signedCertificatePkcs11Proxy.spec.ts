/**
 * The token-key mTLS validation (pkcs11) through an egress proxy, as every other certplane call: a
 * real loopback CONNECT proxy (tests/support/loopbackProxy.ts) in front of the simulator's PCA, a
 * SoftHSM2 token under .tmp/. The child process tunnels through the proxy the connection resolves
 * to (proxyUrl, or HTTPS_PROXY unless NO_PROXY lists PCA), with Basic credentials holding awkward
 * characters; a 407, a 502, an unreachable and a silent proxy read exactly as the pooled agents'
 * proxy failures. The proxy password never appears in an error or a log line.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { ProxyError } from "../../provider/core/errors";
import { setLogSink } from "../../provider/core/log";
import { destroyAgents } from "../../provider/core/tlsAgent";
import * as csr from "../../provider/csr/certificateRequest";
import { makeKeyAndCsr } from "../../provider/csr/certificateRequest";
import { pkcs11EnginePath } from "../../provider/csr/pkcs11Engine";
import { pkcs11Settings } from "../../provider/csr/pkcs11Settings";
import { PcaClient } from "../../provider/pca/client";
import { resolvePcaConnection } from "../../provider/pca/connection";
import * as pca from "../../provider/pca/signedCertificate";
import type { SignedCertificateOutputs } from "../../provider/pca/signedCertificate";
import { failure } from "../support/failure";
import { unreachableProxyUrl, withLoopbackProxies } from "../support/loopbackProxy";
import { initSoftHsmToken, removeSoftHsmToken, type SoftHsmToken } from "../support/softhsm";
import { TestCa } from "../support/testCa";
import { pickEnv, whileEnv, withEnv } from "../support/withEnv";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";

type Outs = Record<string, unknown>;
const VALIDATE = { vendor: "pca", method: "GET", path: "/api/v1/auth/cert/validate/authorization" };
const VALIDATE_PATH = VALIDATE.path;
const PROXY_USER = "egress";
/** Reserved and quoting characters, a percent sign and non-ASCII: each must survive to the proxy. */
const PROXY_PASSWORD = `p:@%"\\wörd-密钥-🔑-7c41`;
const WRONG_PASSWORD = `wr:@%"\\ong-ünï-9a2e`;

describe("pca.SignedCertificate token-key validation through an egress proxy (SoftHSM2)", function () {
  this.timeout(60_000);
  // Before withSimulator, so the proxies (and tunnels through them) close before the simulator.
  const proxy = withLoopbackProxies();
  const sim = withSimulator({ vendors: ["pca"] });
  withEnv(() => ({
    ...pickEnv(sim.env, ["CERTPLANE_PCA_URL", "CERTPLANE_PCA_TOKEN", "CERTPLANE_PCA_CA_CERT_PEM"]),
    CERTPLANE_PKCS11_ENGINE: undefined,
    HTTPS_PROXY: undefined,
    https_proxy: undefined,
    NO_PROXY: undefined,
    no_proxy: undefined,
  }));
  let token: SoftHsmToken;
  let key: { id: string; outs: Outs };
  let certificatePem: string;
  const logs: string[] = [];
  let restoreLog: () => void;

  // The handshake makes its folders under os.tmpdir(), read from TMPDIR at each call: this suite's
  // own, since other spec files make theirs at the same time (mocha --parallel).
  const { dir: handshakeTmp } = withScratchDir("token-handshake-tmp-");
  withEnv(() => ({ TMPDIR: handshakeTmp }));
  /** The temporary folders the token handshake makes for its OpenSSL configuration. */
  const handshakeFolders = () =>
    fs.readdirSync(handshakeTmp).filter((name) => name.startsWith("certplane-pkcs11-"));
  let foldersAtStart: string[];
  before(async () => {
    foldersAtStart = handshakeFolders();
    token = initSoftHsmToken("proxy");
    restoreLog = setLogSink((line) => logs.push(line));
    const checked = await csr.check(
      {},
      {
        algorithm: "ECDSA",
        subject: { commonName: "token-client" },
        pkcs11: {
          module: token.module,
          tokenLabel: token.tokenLabel,
          pin: token.pin,
          keyLabel: "px",
        },
      },
    );
    assert.deepEqual(checked.failures, []);
    key = (await csr.create(checked.inputs)) as unknown as { id: string; outs: Outs };
    const signed = await pca.create(await signedInputs({}));
    certificatePem = (signed.outs as Outs).certificatePem as string;
  });
  after(async () => {
    if (key) await csr.delete(key.id, key.outs);
    restoreLog?.();
    destroyAgents();
    if (token) removeSoftHsmToken(token);
  });

  const pcaUrl = () => sim.env.CERTPLANE_PCA_URL.replace(/\/+$/, "");
  /** `host:port` of the simulator's PCA, as a CONNECT names it. */
  const pcaAuthority = () => {
    const url = new URL(pcaUrl());
    return `${url.hostname}:${url.port || "443"}`;
  };
  const pkcs11Of = () => ({
    module: token.module,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
    keyLabel: key.outs.pkcs11KeyLabel as string,
  });
  async function signedInputs(extra: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = await pca.check(
      {},
      { certRequestPem: key.outs.certRequestPem, requestedUsername: "token-client", ...extra },
    );
    assert.deepEqual(result.failures, []);
    return result.inputs as Record<string, unknown>;
  }
  const validateCount = () => sim.countOf(VALIDATE);
  /** Validates the token key's certificate through PCA resolved from `connection` and the env. */
  const validateWithToken = (connection: Record<string, unknown>) =>
    new PcaClient(resolvePcaConnection(connection)).validate(certificatePem, {
      pkcs11: pkcs11Settings(pkcs11Of()),
      enginePath: pkcs11EnginePath(),
    });

  /** Every spelling of a proxy password a leak could take. */
  const spellings = (password: string) => [
    password,
    encodeURIComponent(password),
    `${PROXY_USER}:${password}`,
    Buffer.from(`${PROXY_USER}:${password}`).toString("base64"),
  ];
  /** The error's message, JSON and stack, and every log line so far, hold no spelling of `password`. */
  const assertNoPassword = (error: Error | undefined, password: string) => {
    const texts = [...logs];
    if (error) texts.push(error.message, JSON.stringify(error), String(error.stack));
    for (const text of texts) {
      for (const secret of spellings(password)) {
        assert.equal(text.includes(secret), false, `"${secret}" leaked into: ${text}`);
      }
    }
  };

  it("through a proxy (proxyUrl): validated, the proxy saw one CONNECT to PCA carrying TLS", async () => {
    const p = await proxy();
    const before = validateCount();
    assert.deepEqual(await validateWithToken({ proxyUrl: p.url }), { authorized: true });
    assert.deepEqual(p.log, [
      {
        method: "CONNECT",
        target: pcaAuthority(),
        status: 200,
        sentCredentials: false,
        firstTunnelByte: 0x16,
      },
    ]);
    assert.equal(validateCount(), before + 1);
  });

  it("create with pkcs11 and connection.proxyUrl: validated true, every CONNECT went to PCA", async () => {
    const p = await proxy();
    const before = validateCount();
    const { outs } = await pca.create(
      await signedInputs({ pkcs11: pkcs11Of(), connection: { proxyUrl: p.url } }),
    );
    assert.equal((outs as SignedCertificateOutputs).validated, true);
    assert.equal(validateCount(), before + 1);
    // sign-csr through the pooled tunnel agent, validate through the token handshake's own tunnel.
    assert.deepEqual(
      p.log.map((e) => [e.method, e.target, e.status]),
      [
        ["CONNECT", pcaAuthority(), 200],
        ["CONNECT", pcaAuthority(), 200],
      ],
    );
  });

  it('Basic credentials with : @ % " \\ and unicode in the password reach the proxy intact', async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const proxyUrl = p.urlWith(PROXY_USER, PROXY_PASSWORD);
    assert.deepEqual(await validateWithToken({ proxyUrl }), { authorized: true });
    assert.deepEqual(
      p.log.map((e) => [e.method, e.target, e.status, e.sentCredentials]),
      [["CONNECT", pcaAuthority(), 200, true]],
    );
    assertNoPassword(undefined, PROXY_PASSWORD);
  });

  it("HTTPS_PROXY from the environment is used; NO_PROXY listing PCA's host goes direct", async () => {
    const p = await proxy();
    const host = new URL(pcaUrl()).hostname;
    await whileEnv({ HTTPS_PROXY: p.url }, async () => {
      assert.deepEqual(await validateWithToken({}), { authorized: true });
    });
    assert.equal(p.log.length, 1);
    const before = validateCount();
    await whileEnv({ HTTPS_PROXY: p.url, NO_PROXY: `example.invalid,${host}` }, async () => {
      assert.deepEqual(await validateWithToken({}), { authorized: true });
    });
    assert.equal(p.log.length, 1, "no CONNECT for a host NO_PROXY lists");
    assert.equal(validateCount(), before + 1);
  });

  it("a 407 for wrong credentials reads as the pooled agents' 407, without the password", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const proxyUrl = p.urlWith(PROXY_USER, WRONG_PASSWORD);
    const before = validateCount();
    const error = await failure(validateWithToken({ proxyUrl }));
    assert.ok(error instanceof ProxyError);
    assert.equal(error.proxy, p.url);
    assert.equal(error.proxyStatus, 407);
    assert.equal(error.vendorCode, "EPROXYAUTH");
    assert.equal(
      error.message,
      `PCA (EPROXYAUTH): the proxy ${p.url} (proxyUrl from resource argument connection.proxyUrl) ` +
        `refused the tunnel to ${new URL(pcaUrl()).host}: HTTP 407 Proxy Authentication Required. ` +
        "Fix: the proxy rejected the user and password in the proxy URL; correct them in resource " +
        "argument connection.proxyUrl (percent-encode reserved characters such as @ : / in them). " +
        `Request: GET ${pcaUrl()}${VALIDATE_PATH}`,
    );
    assert.equal(validateCount(), before, "nothing reached PCA");
    assertNoPassword(error, WRONG_PASSWORD);
    // The same proxy failure through the pooled agents (a key in software) reads the same.
    const software = await makeKeyAndCsr({
      algorithm: "ECDSA",
      ecdsaCurve: "P256",
      subject: { commonName: "token-client" },
    });
    const issued = await pca.create(
      await signedInputs({ certRequestPem: software.certRequestPem }),
    );
    const pooled = await failure(
      new PcaClient(resolvePcaConnection({ proxyUrl })).validate(
        (issued.outs as Outs).certificatePem as string,
        { privateKeyPem: software.privateKeyPem as string },
      ),
    );
    assert.equal(error.message, pooled.message);
  });

  it("a 407 without credentials asks for user:password@ in the proxy URL", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const error = await failure(validateWithToken({ proxyUrl: p.url }));
    assert.ok(error instanceof ProxyError);
    assert.equal(error.vendorCode, "EPROXYAUTH");
    assert.match(
      error.message,
      new RegExp(
        `Fix: the proxy requires authentication: give it in the proxy URL, ` +
          `http://user:password@${new URL(p.url).host.replace(/\./g, "\\.")}, in resource argument`,
      ),
    );
    assert.deepEqual(
      p.log.map((e) => [e.status, e.sentCredentials]),
      [[407, false]],
    );
  });

  it("a 502 from the proxy is EPROXYUNAVAILABLE, naming noProxy as the way around", async () => {
    const p = await proxy({ refuseWith: 502 });
    const error = await failure(validateWithToken({ proxyUrl: p.url }));
    assert.ok(error instanceof ProxyError);
    assert.equal(error.proxyStatus, 502);
    assert.equal(error.vendorCode, "EPROXYUNAVAILABLE");
    const pca = new URL(pcaUrl());
    assert.equal(
      error.message,
      `PCA (EPROXYUNAVAILABLE): the proxy ${p.url} (proxyUrl from resource argument ` +
        `connection.proxyUrl) refused the tunnel to ${pca.host}: HTTP 502 Bad Gateway. Fix: the ` +
        `proxy could not reach ${pca.host}; check the connection url and that the proxy can reach ` +
        `it, or list ${pca.hostname} in noProxy (NO_PROXY) to reach it directly. ` +
        `Request: GET ${pcaUrl()}${VALIDATE_PATH}`,
    );
  });

  it("an unreachable proxy: cannot reach it (ECONNREFUSED), credentials not shown", async () => {
    const bare = await unreachableProxyUrl();
    const withCredentials = bare.replace(
      "http://",
      `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@`,
    );
    const error = await failure(validateWithToken({ proxyUrl: withCredentials }));
    assert.ok(error instanceof ProxyError);
    assert.equal(error.vendorCode, "ECONNREFUSED");
    assert.equal(
      error.message,
      `PCA (ECONNREFUSED): cannot reach the proxy ${bare} (proxyUrl from resource argument ` +
        `connection.proxyUrl) (ECONNREFUSED). Fix: check the proxy URL in resource argument ` +
        `connection.proxyUrl and that the proxy is up, or set noProxy: "*" to go direct. ` +
        `Request: GET ${pcaUrl()}${VALIDATE_PATH}`,
    );
    assertNoPassword(error, PROXY_PASSWORD);
  });

  it("a proxy that never answers CONNECT: ETIMEDOUT after timeoutSeconds", async () => {
    const p = await proxy({ silent: true });
    const error = await failure(validateWithToken({ proxyUrl: p.url, timeoutSeconds: 1 }));
    assert.ok(error instanceof ProxyError);
    assert.equal(error.vendorCode, "ETIMEDOUT");
    assert.match(
      error.message,
      new RegExp(
        `did not answer the tunnel request to ${new URL(pcaUrl()).host.replace(/\./g, "\\.")} within 1 s\\.`,
      ),
    );
  });

  it("an https:// proxy, trusted through caCertPem, tunnels the handshake too", async () => {
    const ca = await TestCa.create("egress proxy CA");
    const proxyCert = await ca.issue("proxy", { server: true });
    const p = await proxy({ tls: { certPem: proxyCert.certPem, keyPem: proxyCert.keyPem } });
    assert.ok(p.url.startsWith("https://"));
    const answer = await validateWithToken({
      proxyUrl: p.urlWith(PROXY_USER, PROXY_PASSWORD),
      caCertPem: `${sim.env.CERTPLANE_PCA_CA_CERT_PEM.trim()}\n${ca.certPem}`,
    });
    assert.deepEqual(answer, { authorized: true });
    assert.deepEqual(
      p.log.map((e) => [e.method, e.target, e.status, e.firstTunnelByte]),
      [["CONNECT", pcaAuthority(), 200, 0x16]],
    );
  });

  it("no log line of this suite holds a proxy password", () => {
    assertNoPassword(undefined, PROXY_PASSWORD);
    assertNoPassword(undefined, WRONG_PASSWORD);
  });

  it("every handshake above, refused tunnels included, removed its OpenSSL configuration", () => {
    assert.deepEqual(handshakeFolders(), foldersAtStart);
  });
});
