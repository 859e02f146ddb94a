import assert from "node:assert/strict";
import { HttpClient } from "../../provider/core/http";
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  ServerError,
  ValidationError,
} from "../../provider/core/errors";
import { agentFor, destroyAgents } from "../../provider/core/tlsAgent";
import { setLogSink } from "../../provider/core/log";
import { TestCa, type Issued } from "../support/testCa";
import { startTlsServer, type TlsServer } from "../support/tlsServer";

type Handler = (
  req: import("node:http").IncomingMessage & { body: string },
  res: import("node:http").ServerResponse,
) => void;

describe("HttpClient against a local HTTPS server", () => {
  let ca: TestCa;
  let server: TlsServer;
  let url: string;
  let handler: Handler;
  let seen: Array<{
    method: string;
    url: string;
    headers: Record<string, unknown>;
    body: string;
    clientCn?: string;
  }>;
  let client: Issued;

  before(async () => {
    ca = await TestCa.create();
    client = await ca.issue("client-1");
    server = await startTlsServer(ca, (req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const peer = (req.socket as import("node:tls").TLSSocket).getPeerCertificate();
        seen.push({
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body,
          clientCn: peer?.subject?.CN as string | undefined,
        });
        handler(Object.assign(req, { body }), res);
      });
    });
    url = server.url;
  });
  beforeEach(() => {
    seen = [];
  });
  after(async () => {
    destroyAgents();
    await server.close();
  });

  function make(extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
    return new HttpClient({
      vendor: "PCA",
      prefix: "pca",
      baseUrl: url,
      caCertPem: ca.certPem,
      sleep: async () => {},
      random: () => 0.5,
      timeoutSeconds: 2,
      ...extra,
    });
  }

  it("sends JSON, parses JSON, keeps commas literal in query values", async () => {
    handler = (_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    const res = await make().request<{ ok: boolean }>({
      method: "POST",
      path: "/x",
      query: { roles: "a,b", name: "n o", skip: undefined },
      body: { a: 1 },
    });
    assert.deepEqual(res.data, { ok: true });
    assert.equal(seen[0].url, "/x?roles=a,b&name=n%20o");
    assert.equal(seen[0].body, '{"a":1}');
    assert.equal(seen[0].headers["content-type"], "application/json");
  });

  it("closes an idle kept-alive socket before the server's Keep-Alive timeout, not after", async () => {
    handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}");
    await make().request({ method: "GET", path: "/idle" });
    const agent = agentFor(new URL(url).origin, { caCertPem: ca.certPem });
    const idle = Object.values(agent.freeSockets).flat();
    assert.equal(idle.length, 1);
    // The server announces `Keep-Alive: timeout=5`; Node closes the socket a second early.
    assert.equal(idle[0]?.timeout, 4000);
  });

  it("presents the client certificate for mTLS", async () => {
    handler = (_req, res) => res.end("");
    await make({
      clientCertificatePem: client.certPem,
      clientPrivateKeyPem: client.keyPem,
    }).request({ method: "GET", path: "/m", responseType: "text" });
    assert.equal(seen[0].clientCn, "client-1");
  });

  it("retries a GET on 503 honouring Retry-After, then succeeds", async () => {
    let calls = 0;
    const waits: number[] = [];
    handler = (_req, res) =>
      ++calls < 3 ? res.writeHead(503, { "retry-after": "2" }).end() : res.end('"done"');
    const res = await make({ sleep: async (ms) => void waits.push(ms) }).request({
      method: "GET",
      path: "/r",
    });
    assert.equal(res.data, "done");
    assert.equal(calls, 3);
    assert.deepEqual(waits, [2000, 2000]);
  });

  it("does not retry a POST that got a 500", async () => {
    handler = (_req, res) => res.writeHead(500).end("boom");
    await assert.rejects(
      make().request({ method: "POST", path: "/c", body: "x" }),
      (e: unknown) => {
        assert.ok(e instanceof ServerError);
        assert.equal(e.status, 500);
        return true;
      },
    );
    assert.equal(seen.length, 1);
  });

  it("ends a 500, a 429 and a reset with a Fix: even when the vendor gives no advice", async () => {
    const cases: Array<[Handler, RegExp]> = [
      [
        (_req, res) => res.writeHead(500).end("boom"),
        /^PCA \(HTTP 500\): boom .*Fix: the failure is on the vendor's side; run `pulumi up` again once it is healthy/,
      ],
      [
        (_req, res) => res.writeHead(429).end(),
        /^PCA \(HTTP 429\): rate limited\. Fix: wait a minute and run `pulumi up` again, or lower `pulumi up --parallel`\./,
      ],
      [
        (req) => req.socket.destroy(),
        /\(ECONNRESET\).* Fix: check the network path to the vendor \(proxy, firewall, load balancer\) and run `pulumi up` again\./,
      ],
    ];
    for (const [answer, message] of cases) {
      handler = answer;
      await assert.rejects(
        make({ retry: { maxAttempts: 1 } }).request({ method: "POST", path: "/c", body: "x" }),
        { message },
      );
    }
  });

  it("a 401 names the credential field the connection uses (AppViewX: the client certificate)", async () => {
    handler = (_req, res) => res.writeHead(401).end();
    await assert.rejects(
      make({
        vendor: "AppViewX",
        prefix: "appviewx",
        credentialField: "clientCertificatePem",
      }).request({ method: "GET", path: "/x" }),
      {
        message:
          /Fix: Check the credential \(connection\.clientCertificatePem, stack config certplane:appviewxClientCertificatePem or environment variable CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM\)\./,
      },
    );
  });

  it("maps 400/401/403/404 to typed errors with the vendor mapper's code and remediation", async () => {
    const cases: Array<[number, new (...a: never[]) => Error]> = [
      [400, ValidationError],
      [401, AuthenticationError],
      [403, PermissionError],
      [404, NotFoundError],
    ];
    for (const [status, type] of cases) {
      handler = (_req, res) =>
        res
          .writeHead(status, { "content-type": "application/json" })
          .end(JSON.stringify({ error: `e${status}`, message: `m${status}` }));
      const c = make({
        mapError: (ctx) => ({
          vendorCode: (ctx.json as { error: string }).error,
          vendorMessage: (ctx.json as { message: string }).message,
          remediation: "Do the thing.",
        }),
      });
      await assert.rejects(
        c.request({ method: "GET", path: "/e", query: { token: "tok-12345678" } }),
        (e: unknown) => {
          assert.ok(e instanceof type, `status ${status}`);
          assert.equal(
            (e as Error).message,
            `PCA (HTTP ${status} e${status}): m${status} Fix: Do the thing. Request: GET ${url}/e?token=[REDACTED]`,
          );
          return true;
        },
      );
    }
  });

  it("reports an untrusted server certificate with the caCertPem fix", async () => {
    handler = (_req, res) => res.end("{}");
    await assert.rejects(
      make({ caCertPem: undefined }).request({ method: "GET", path: "/t" }),
      (e: unknown) => {
        assert.ok(e instanceof ConnectionError);
        assert.match(
          (e as Error).message,
          /server certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
        );
        assert.match(
          (e as Error).message,
          /Set caCertPem \(connection\.caCertPem, stack config certplane:pcaCaCertPem or environment variable CERTPLANE_PCA_CA_CERT_PEM\)/,
        );
        return true;
      },
    );
  });

  it("connects without verification when insecureSkipTlsVerify is set, and warns once", async () => {
    const lines: string[] = [];
    const restore = setLogSink((l) => lines.push(l));
    try {
      handler = (_req, res) => res.end("{}");
      const c = make({ caCertPem: undefined, insecureSkipTlsVerify: true });
      await c.request({ method: "GET", path: "/i" });
      await c.request({ method: "GET", path: "/i" });
      assert.equal(lines.length, 1);
      assert.match(
        lines[0],
        /^certplane warning: TLS certificate verification is DISABLED for https:\/\/127\.0\.0\.1:\d+/,
      );
    } finally {
      restore();
    }
  });

  it("times out a slow answer and calls a POST timeout ambiguous, without retrying it", async () => {
    handler = (_req, res) => setTimeout(() => res.end("{}"), 1500);
    await assert.rejects(
      make({ timeoutSeconds: 0.3 }).request({ method: "POST", path: "/slow", body: "csr" }),
      (e: unknown) => {
        assert.ok(e instanceof ConnectionError);
        assert.equal(e.ambiguous, true);
        assert.match(
          (e as Error).message,
          /no answer from https:\/\/127\.0\.0\.1:\d+ within 0\.3 s\. The request had been sent, so PCA may have acted on it; certplane does not repeat a POST/,
        );
        return true;
      },
    );
    assert.equal(seen.length, 1);
  });

  it("calls a malformed JSON body a connection error and retries it for a GET", async () => {
    let calls = 0;
    handler = (_req, res) => (++calls === 1 ? res.end("<html>oops") : res.end("[1]"));
    const res = await make().request({ method: "GET", path: "/bad" });
    assert.deepEqual(res.data, [1]);
    assert.equal(calls, 2);
  });

  it("refuses a plain http:// URL", () => {
    assert.throws(
      () =>
        new HttpClient({
          vendor: "PCA",
          prefix: "pca",
          baseUrl: "http://x.example",
          timeoutSeconds: 30,
        }),
      /url must use https:\/\/ \(got "http:\/\/x\.example"\)\. Set connection\.url/,
    );
  });

  it("never puts the Authorization header in an error", async () => {
    handler = (_req, res) =>
      res.writeHead(401).end("Authorization: Bearer s3cret-token-abc rejected");
    await assert.rejects(
      make({ headers: { Authorization: "Bearer s3cret-token-abc" } }).request({
        method: "GET",
        path: "/a",
      }),
      (e: unknown) => {
        assert.ok(!(e as Error).message.includes("s3cret-token-abc"));
        assert.ok(!JSON.stringify(e).includes("s3cret-token-abc"));
        return true;
      },
    );
  });
});
