/**
 * A real HTTP CONNECT proxy on loopback for tests (npm `proxy`), that logs what it is asked to do:
 * every CONNECT (target, whether it authorized it, the first byte relayed client→vendor) and every
 * plain request line (a proxy that sees one has seen plaintext). Options make it demand Basic
 * credentials (407 otherwise), refuse every tunnel with a fixed status (407, 403, 502, …), never
 * answer (`silent`), or listen over TLS (an https:// proxy). {@link unreachableProxyUrl} gives a proxy URL nothing listens on.
 *
 * For the fault matrix: `startLoopbackProxy({ refuseWith: 502 })` is a proxy whose every CONNECT
 * fails with 502; point a run at it with `env: { HTTPS_PROXY: proxy.url }` (or a connection's
 * `proxyUrl`) and expect a ProxyError naming `proxy.url`.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import * as net from "node:net";
import { createProxy } from "proxy";

/** One thing the proxy was asked. */
export interface ProxyLogEntry {
  /** `CONNECT` for a tunnel, else the method of a plain (plaintext) proxied request. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL of a plain request. */
  target: string;
  /** The status the proxy answered a CONNECT with (200 when it opened the tunnel; 0: none). */
  status: number;
  /** Whether a Proxy-Authorization header came with it. */
  sentCredentials: boolean;
  /** First byte the client sent into the tunnel (0x16 is a TLS handshake record). */
  firstTunnelByte?: number;
}

/** What the test gets back. */
export interface LoopbackProxy {
  /** `http://127.0.0.1:<port>` (or https://). */
  readonly url: string;
  /** The proxy URL with `user:password@`, percent-encoded. */
  urlWith(username: string, password: string): string;
  /** Everything asked so far, in order. */
  readonly log: ProxyLogEntry[];
  /** The bytes clients sent into tunnels (up to 4 MB), to look for plaintext secrets in. */
  tunnelBytes(): Buffer;
  /** Closes the proxy and every connection through it. */
  stop(): Promise<void>;
}

/** How the proxy behaves. */
export interface LoopbackProxyOptions {
  /** Demand these Basic credentials: any CONNECT without them is answered 407. */
  credentials?: { username: string; password: string };
  /** Answer every CONNECT with this status instead of tunnelling (a refusing proxy). */
  refuseWith?: number;
  /** Accept connections but never answer CONNECT (a hung proxy). */
  silent?: boolean;
  /** Listen over TLS with this certificate (an https:// proxy). */
  tls?: { certPem: string; keyPem: string };
}

const TUNNEL_BYTES_CAP = 4 * 1024 * 1024;

/** Starts a proxy on 127.0.0.1, port 0. */
export async function startLoopbackProxy(
  options: LoopbackProxyOptions = {},
): Promise<LoopbackProxy> {
  const server: http.Server = options.tls
    ? https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem })
    : http.createServer();
  const log: ProxyLogEntry[] = [];
  const chunks: Buffer[] = [];
  let captured = 0;
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString("base64")}`
    : undefined;
  const authorized = (req: http.IncomingMessage) =>
    expected === undefined || req.headers["proxy-authorization"] === expected;

  if (options.silent) {
    server.on("connect", (req: http.IncomingMessage) => log.push(entry(req, 0)));
  } else if (options.refuseWith !== undefined) {
    const status = options.refuseWith;
    server.on("connect", (req: http.IncomingMessage, socket: Socket) => {
      log.push(entry(req, status));
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? "Refused"}\r\n` +
          (status === 407 ? `Proxy-Authenticate: Basic realm="proxy"\r\n` : "") +
          `Content-Length: 0\r\nConnection: close\r\n\r\n`,
      );
    });
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      log.push(entry(req, status));
      res.writeHead(status).end();
    });
  } else {
    const proxy = createProxy(server);
    proxy.authenticate = authorized;
    server.on("connect", (req: http.IncomingMessage, socket: Socket) => {
      const logged = entry(req, authorized(req) ? 200 : 407);
      log.push(logged);
      // npm proxy paused the socket until it authorizes; this listener does not resume it.
      socket.on("data", (chunk: Buffer) => {
        logged.firstTunnelByte ??= chunk[0];
        if (captured < TUNNEL_BYTES_CAP) {
          chunks.push(chunk);
          captured += chunk.length;
        }
      });
    });
    server.on("request", (req: http.IncomingMessage) => log.push(entry(req, 0)));
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const scheme = options.tls ? "https" : "http";
  const url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    urlWith: (username, password) =>
      `${scheme}://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${url.slice(scheme.length + 3)}`,
    log,
    tunnelBytes: () => Buffer.concat(chunks),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function entry(req: http.IncomingMessage, status: number): ProxyLogEntry {
  return {
    method: req.method ?? "",
    target: req.url ?? "",
    status,
    sentCredentials: req.headers["proxy-authorization"] !== undefined,
  };
}

/** A loopback proxy URL nothing listens on (a port bound, then released). */
export async function unreachableProxyUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * For a mocha suite: starts loopback proxies on demand (call the function it returns in a test or a
 * hook) and stops every one of them after the suite. Call it before `withSimulator`, so the proxies
 * (and the tunnels through them) close before the simulator does.
 */
export function withLoopbackProxies(): (options?: LoopbackProxyOptions) => Promise<LoopbackProxy> {
  const started: LoopbackProxy[] = [];
  after(async () => {
    for (const proxy of started) await proxy.stop();
  });
  return async (options = {}) => {
    const proxy = await startLoopbackProxy(options);
    started.push(proxy);
    return proxy;
  };
}
