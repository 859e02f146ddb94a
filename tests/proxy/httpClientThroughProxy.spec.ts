/**
 * The HTTP client through a real CONNECT proxy on loopback: tunnels only (the proxy relays TLS, never
 * a request line or a token), mTLS end to end, keep-alive kept (one CONNECT for sequential calls, the
 * server's Keep-Alive timeout honoured), noProxy bypass, and every proxy refusal a ProxyError naming
 * the proxy without its credentials.
 */
import { strict as assert } from "node:assert";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as net from "node:net";
import type { TLSSocket } from "node:tls";
import { CertplaneError, ConnectionError, ProxyError } from "../../provider/core/errors";
import { HttpClient, type HttpClientConfig } from "../../provider/core/http";
import type { ProxySettings } from "../../provider/core/proxySettings";
import { agentFor, destroyAgents } from "../../provider/core/tlsAgent";
import {
  startLoopbackProxy,
  unreachableProxyUrl,
  withLoopbackProxies,
} from "../support/loopbackProxy";
import { TestCa, type Issued } from "../support/testCa";
import { startTlsServer, type TlsServer } from "../support/tlsServer";

const TOKEN = "vendor-token-0123456789";
const PROXY_USER = "egress";
const PROXY_PASSWORD = "pr0xy:p@ss/word";

describe("HttpClient through a loopback CONNECT proxy", () => {
  const proxy = withLoopbackProxies();
  let ca: TestCa;
  let client: Issued;
  let server: TlsServer;
  let vendorUrl: string;
  let seen: Array<{ url: string; clientCn?: string; authorization?: string }>;

  function make(proxySettings: ProxySettings, extra: Partial<HttpClientConfig> = {}) {
    return new HttpClient({
      vendor: "PCA",
      prefix: "pca",
      baseUrl: vendorUrl,
      caCertPem: ca.certPem,
      headers: { Authorization: `Bearer ${TOKEN}` },
      timeoutSeconds: 5,
      sleep: async () => {},
      random: () => 0.5,
      proxy: { proxyUrlSource: "environment variable HTTPS_PROXY", ...proxySettings },
      ...extra,
    });
  }

  before(async () => {
    ca = await TestCa.create();
    client = await ca.issue("client-1");
    server = await startTlsServer(ca, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      seen.push({
        url: req.url ?? "",
        clientCn: peer?.subject?.CN as string | undefined,
        authorization: req.headers.authorization,
      });
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    vendorUrl = server.url;
  });
  beforeEach(() => {
    seen = [];
  });
  after(async () => {
    destroyAgents();
    await server.close();
  });

  it("tunnels with CONNECT: the proxy relays TLS records only, never the request or the token", async () => {
    const p = await proxy();
    const res = await make({ proxyUrl: p.url }).request<{ ok: boolean }>({
      method: "POST",
      path: "/distribution/sign-csr",
      body: { csr: "x" },
    });
    assert.deepEqual(res.data, { ok: true });
    assert.deepEqual(
      seen.map((s) => [s.url, s.authorization]),
      [["/distribution/sign-csr", `Bearer ${TOKEN}`]],
    );
    const host = new URL(vendorUrl).host;
    assert.deepEqual(
      p.log.map((e) => [e.method, e.target, e.status, e.firstTunnelByte]),
      [["CONNECT", host, 200, 0x16]],
    );
    const relayed = p.tunnelBytes().toString("latin1");
    assert.ok(relayed.length > 0);
    for (const plain of [TOKEN, "sign-csr", "POST ", "HTTP/1.1"]) {
      assert.equal(relayed.includes(plain), false, `"${plain}" crossed the proxy in plaintext`);
    }
  });

  it("presents the mTLS client certificate to the vendor through the tunnel", async () => {
    const p = await proxy();
    await make(
      { proxyUrl: p.url },
      { clientCertificatePem: client.certPem, clientPrivateKeyPem: client.keyPem },
    ).request({ method: "GET", path: "/validate" });
    assert.equal(seen[0].clientCn, "client-1");
    assert.deepEqual(
      p.log.map((e) => e.method),
      ["CONNECT"],
    );
  });

  it("keeps the tunnel alive between calls and honours the server's Keep-Alive timeout", async () => {
    const p = await proxy();
    const http = make({ proxyUrl: p.url });
    await http.request({ method: "GET", path: "/one" });
    await http.request({ method: "GET", path: "/two" });
    assert.equal(seen.length, 2);
    assert.equal(p.log.length, 1, "one CONNECT for two sequential requests");
    const agent = agentFor(new URL(vendorUrl).origin, { caCertPem: ca.certPem }, new URL(p.url));
    const idle = Object.values(agent.freeSockets).flat();
    assert.equal(idle.length, 1);
    // The server announces `Keep-Alive: timeout=5`; Node closes the socket a second early.
    assert.equal(idle[0]?.timeout, 4000);
  });

  it("sends the proxy credentials from the URL (percent-decoded) and succeeds", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    await make({ proxyUrl: p.urlWith(PROXY_USER, PROXY_PASSWORD) }).request({
      method: "GET",
      path: "/auth",
    });
    assert.deepEqual(
      p.log.map((e) => [e.status, e.sentCredentials]),
      [[200, true]],
    );
    assert.equal(seen.length, 1);
  });

  it("407 without credentials: a ProxyError naming the proxy, asking for user:password@, not retried", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    await assert.rejects(make({ proxyUrl: p.url }).request({ method: "GET", path: "/x" }), (e) => {
      assert.ok(e instanceof ProxyError);
      assert.equal(e.proxy, p.url);
      assert.equal(e.proxyStatus, 407);
      assert.equal(e.vendorCode, "EPROXYAUTH");
      assert.equal(e.ambiguous, false);
      assert.equal(
        e.message,
        `PCA (EPROXYAUTH): the proxy ${p.url} (proxyUrl from environment variable HTTPS_PROXY) ` +
          `refused the tunnel to ${new URL(vendorUrl).host}: HTTP 407 Proxy Authentication Required. ` +
          `Fix: the proxy requires authentication: give it in the proxy URL, ` +
          `http://user:password@${new URL(p.url).host}, in environment variable HTTPS_PROXY. ` +
          `Request: GET ${vendorUrl}/x`,
      );
      return true;
    });
    assert.equal(p.log.length, 1);
    assert.equal(seen.length, 0, "nothing reached the vendor");
  });

  it("407 with wrong credentials: says so, and neither the user:password nor the password appears", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const wrong = p.urlWith(PROXY_USER, "wrong-password-42");
    await assert.rejects(
      make({ proxyUrl: wrong }).request({ method: "POST", path: "/c", body: {} }),
      (e) => {
        assert.ok(e instanceof ProxyError);
        assert.equal(e.proxyStatus, 407);
        assert.match(e.message, /the proxy rejected the user and password in the proxy URL/);
        const everything = `${e.message} ${JSON.stringify(e)} ${String(e.stack)}`;
        for (const secret of [
          "wrong-password-42",
          "wrong-password-42".replace(/-/g, "%2D"),
          wrong,
        ]) {
          assert.equal(everything.includes(secret), false, secret);
        }
        return true;
      },
    );
    assert.deepEqual(
      p.log.map((e) => [e.status, e.sentCredentials]),
      [[407, true]],
    );
  });

  it("502 from the proxy: a ProxyError, retried even for a POST (nothing reached the vendor)", async () => {
    const p = await proxy({ refuseWith: 502 });
    await assert.rejects(
      make({ proxyUrl: p.url }).request({ method: "POST", path: "/c", body: {} }),
      (e) => {
        assert.ok(e instanceof ProxyError);
        assert.equal(e.proxyStatus, 502);
        assert.equal(e.vendorCode, "EPROXYUNAVAILABLE");
        assert.equal(e.ambiguous, false);
        assert.match(e.message, /refused the tunnel to 127\.0\.0\.1:\d+: HTTP 502 Bad Gateway\./);
        assert.match(
          e.message,
          /Fix: the proxy could not reach 127\.0\.0\.1:\d+; check the connection url/,
        );
        return true;
      },
    );
    assert.equal(p.log.length, 4, "the default 4 attempts");
    assert.equal(seen.length, 0);
  });

  it("403 from the proxy: its policy refuses the tunnel; not retried", async () => {
    const p = await proxy({ refuseWith: 403 });
    await assert.rejects(make({ proxyUrl: p.url }).request({ method: "GET", path: "/x" }), (e) => {
      assert.ok(e instanceof ProxyError);
      assert.equal(e.vendorCode, "EPROXYREFUSED");
      assert.match(
        e.message,
        /Fix: the proxy's policy does not allow a tunnel to 127\.0\.0\.1:\d+/,
      );
      return true;
    });
    assert.equal(p.log.length, 1);
  });

  it("an unreachable proxy: a ProxyError saying so, not 'cannot reach the vendor'", async () => {
    const url = await unreachableProxyUrl();
    const withCredentials = url.replace("http://", "http://egress:hunter2secret@");
    await assert.rejects(
      make({
        proxyUrl: withCredentials,
        proxyUrlSource: "resource argument connection.proxyUrl",
      }).request({ method: "GET", path: "/x" }),
      (e) => {
        assert.ok(e instanceof ProxyError);
        assert.equal(e.proxy, url);
        assert.equal(e.proxyStatus, undefined);
        assert.equal(e.vendorCode, "ECONNREFUSED");
        assert.match(
          e.message,
          new RegExp(
            `^PCA \\(ECONNREFUSED\\): cannot reach the proxy ${url} \\(proxyUrl from resource argument connection.proxyUrl\\) \\(ECONNREFUSED\\)\\.`,
          ),
        );
        assert.equal(e.message.includes("hunter2secret"), false);
        return true;
      },
    );
  });

  it("a proxy that never answers CONNECT: a ProxyError once the request's time is up", async () => {
    const p = await proxy({ silent: true });
    await assert.rejects(
      make({ proxyUrl: p.url }, { timeoutSeconds: 1 }).request({
        method: "POST",
        path: "/c",
        body: {},
      }),
      (e) => {
        assert.ok(e instanceof ProxyError);
        assert.equal(e.vendorCode, "ETIMEDOUT");
        assert.match(
          e.message,
          new RegExp(
            `^PCA \\(ETIMEDOUT\\): the proxy ${p.url.replace(/[./]/g, "\\$&")} \\(proxyUrl from environment variable HTTPS_PROXY\\) did not answer the tunnel request to 127\\.0\\.0\\.1:\\d+ within 1 s\\.`,
          ),
        );
        return true;
      },
    );
    assert.equal(p.log.length, 1, "a POST is not repeated after a timeout");
    assert.equal(seen.length, 0);
  });

  it("noProxy listing the vendor's host, or '*', goes direct", async () => {
    const p = await proxy();
    await make({ proxyUrl: p.url, noProxy: "example.com, 127.0.0.1" }).request({
      method: "GET",
      path: "/a",
    });
    await make({ proxyUrl: p.url, noProxy: "*" }).request({ method: "GET", path: "/b" });
    assert.equal(seen.length, 2);
    assert.deepEqual(p.log, []);
    await make({ proxyUrl: p.url, noProxy: "example.com,127.0.0.2" }).request({
      method: "GET",
      path: "/c",
    });
    assert.equal(p.log.length, 1, "a list without the host still proxies");
  });

  it("a proxy URL certplane cannot use is refused up front, without its credentials", () => {
    assert.throws(
      () => make({ proxyUrl: "socks5://egress:s3cret-value@proxy.example:1080" }),
      (e) => {
        assert.ok(e instanceof CertplaneError);
        assert.equal(
          e.message,
          `The proxy URL from environment variable HTTPS_PROXY is not an http:// or https:// proxy URL ` +
            `(got "socks5://proxy.example:1080"). Fix: give http://host:port or https://host:port ` +
            `(optionally http://user:password@host:port), or set noProxy: "*" to go direct.`,
        );
        return true;
      },
    );
  });
});

describe("HttpClient through a proxy: whose certificate is checked", () => {
  after(() => destroyAgents());

  it("an IP vendor's certificate is checked against the vendor's IP, not the proxy's name", async () => {
    const ca = await TestCa.create();
    // Valid for the name "localhost" only: a vendor at https://127.0.0.1 must be refused.
    const cert = await ca.issue("localhost", {
      server: true,
      altNames: [{ type: "dns", value: "localhost" }],
    });
    const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) =>
      res.end("{}"),
    );
    // The proxy's leg to the server outlives the failed handshake: close it with the server.
    const legs = new Set<import("node:net").Socket>();
    server.on("connection", (socket: import("node:net").Socket) => legs.add(socket));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const p = await startLoopbackProxy();
    try {
      const vendor = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The proxy is named "localhost": checked against the proxy's name, the certificate would pass.
      const viaLocalhost = p.url.replace("127.0.0.1", "localhost");
      const http = new HttpClient({
        vendor: "Oracle SBC",
        prefix: "oraclesbc",
        baseUrl: vendor,
        caCertPem: ca.certPem,
        timeoutSeconds: 5,
        sleep: async () => {},
        proxy: { proxyUrl: viaLocalhost, proxyUrlSource: "environment variable HTTPS_PROXY" },
      });
      await assert.rejects(http.request({ method: "GET", path: "/rest/v1.2/x" }), (e) => {
        assert.ok(e instanceof ConnectionError && !(e instanceof ProxyError));
        assert.equal(e.vendorCode, "ERR_TLS_CERT_ALTNAME_INVALID");
        return true;
      });
      assert.deepEqual(
        p.log.map((e) => [e.method, e.status]),
        [["CONNECT", 200]],
      );
    } finally {
      await p.stop();
      for (const leg of legs) leg.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("HttpClient without a proxy: a timeout's fix mentions proxies", () => {
  after(() => destroyAgents());

  it("no answer, going direct: the Fix says how to use a proxy", async () => {
    // Accepts TCP and never answers, as a vendor behind a firewall that drops traffic looks.
    const silent = net.createServer(() => undefined);
    const held = new Set<net.Socket>();
    silent.on("connection", (socket) => held.add(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const baseUrl = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const direct = new HttpClient({
        vendor: "NetFoundry",
        prefix: "netfoundry",
        baseUrl,
        timeoutSeconds: 0.3,
        retry: { maxAttempts: 1 },
      });
      await assert.rejects(direct.request({ method: "GET", path: "/x" }), (e) => {
        assert.ok(e instanceof ConnectionError);
        assert.match(
          e.message,
          / If the only way out of this network is an HTTP proxy, set HTTPS_PROXY or connection\.proxyUrl, stack config certplane:netfoundryProxyUrl or environment variable CERTPLANE_NETFOUNDRY_PROXY_URL \(docs\/connections\.md\)\./,
        );
        return true;
      });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
