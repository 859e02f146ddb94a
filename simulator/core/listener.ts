// One HTTPS listener: TLS setup, client-certificate capture, real TCP resets, and abort of pending
// work on close. It knows nothing about routes or vendors; an ExchangeHandler does the rest.
import { X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { SimResponse } from "./response";
import type { ServerIdentity } from "./serverCertificate";

/** One request/response pair as the listener exposes it to the exchange pipeline. */
export interface Exchange {
  /** The Node request (body not yet read). */
  readonly request: IncomingMessage;
  /** The client certificate presented in the handshake, if any. */
  readonly clientCertificate: X509Certificate | undefined;
  /** Aborted when the listener closes: stop waiting and send nothing. */
  readonly signal: AbortSignal;
  /** Writes the response (ignored once the connection is gone). */
  send(response: SimResponse): void;
  /** Resets the TCP connection (RST) without answering. */
  reset(): void;
}

/** Handles one exchange; must not throw. */
export type ExchangeHandler = (exchange: Exchange) => Promise<void>;

/** Options for {@link startListener}. */
export interface ListenerOptions {
  /** Bind address. */
  host: string;
  /** Port (0 = any free port). */
  port: number;
  /** TLS server certificate and key. */
  identity: ServerIdentity;
  /** Ask clients for a certificate (never enforced by TLS). */
  requestClientCertificate: boolean;
  /** The request pipeline. */
  handler: ExchangeHandler;
}

/** A listening HTTPS server. */
export interface RunningListener {
  /** Base URL, e.g. `https://127.0.0.1:43123`. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Stops accepting, aborts pending delays, closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts an HTTPS listener (TLS 1.2 or later).
 * @param options - bind address, identity, client-certificate request and handler
 */
export async function startListener(options: ListenerOptions): Promise<RunningListener> {
  const aborter = new AbortController();
  // Raw TCP sockets by peer address: TLS sockets cannot send an RST themselves, the TCP socket can.
  const rawSockets = new Map<string, Socket>();
  const server: Server = createServer(
    {
      key: options.identity.privateKeyPem,
      cert: options.identity.certificatePem,
      minVersion: "TLSv1.2",
      requestCert: options.requestClientCertificate,
      rejectUnauthorized: false,
    },
    (request: IncomingMessage, response: ServerResponse) => {
      const socket = request.socket as TLSSocket;
      void options.handler({
        request,
        clientCertificate: presentedCertificate(socket),
        signal: aborter.signal,
        send: (simResponse) => writeResponse(response, simResponse),
        reset: () => {
          const raw = rawSockets.get(peerKey(socket));
          if (raw && typeof raw.resetAndDestroy === "function") raw.resetAndDestroy();
          else socket.destroy();
        },
      });
    },
  );
  server.on("connection", (raw: Socket) => {
    const key = peerKey(raw);
    rawSockets.set(key, raw);
    raw.once("close", () => rawSockets.delete(key));
  });
  // A client that aborts the handshake (wrong CA, plain HTTP) is the client's problem, not ours.
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `https://${urlHost(options.host)}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        aborter.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function presentedCertificate(socket: TLSSocket): X509Certificate | undefined {
  const peer = socket.getPeerCertificate?.(false);
  if (!peer || !peer.raw) return undefined;
  try {
    return new X509Certificate(peer.raw);
  } catch {
    return undefined;
  }
}

function writeResponse(response: ServerResponse, simResponse: SimResponse): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(simResponse.status, {
    ...simResponse.headers,
    "content-length": String(simResponse.body.length),
  });
  response.end(simResponse.body);
}

function peerKey(socket: Socket): string {
  return `${socket.remoteAddress}|${socket.remotePort}`;
}

/**
 * The host part of a URL for a bind address: wildcard binds are reached through loopback, IPv6
 * literals need brackets.
 * @param host - the bind address
 */
export function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
