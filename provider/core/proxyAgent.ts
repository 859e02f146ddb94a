/**
 * The keep-alive agent that reaches a vendor through an HTTP CONNECT tunnel (https-proxy-agent), with
 * the vendor's TLS settings (private CA, mTLS client certificate) applied inside the tunnel, so the
 * proxy only ever relays TLS records.
 *
 * What it adds to HttpsProxyAgent, and why:
 * - a CONNECT the proxy refuses is a {@link TunnelFailure} (HttpsProxyAgent would replay the proxy's
 *   407/502 as if the vendor had answered it), and so is a proxy that cannot be reached;
 * - the server identity is checked against the vendor's host also when it is an IP address
 *   (HttpsProxyAgent omits `host` from the inner TLS options, and Node then checks an IP vendor's
 *   certificate against the proxy's name);
 * - the agent keeps its `timeout`, which Node needs to honour a server's Keep-Alive timeout (see
 *   tlsAgent.ts); HttpsProxyAgent drops per-request agent options.
 */
import type * as http from "node:http";
import type * as https from "node:https";
import type * as net from "node:net";
import * as tls from "node:tls";
import { HttpsProxyAgent } from "https-proxy-agent";

/** What agent-base hands `connect` (named through https-proxy-agent, our direct dependency). */
type AgentConnectOpts = Parameters<HttpsProxyAgent<string>["connect"]>[1];

/** The proxy's answer to CONNECT, as https-proxy-agent reports it. */
interface ConnectAnswer {
  statusCode: number;
  statusText: string;
}

/** Why a tunnel could not be opened. The message holds no URL, so no credential. */
export class TunnelFailure extends Error {
  /**
   * @param proxyStatus - the proxy's status for a refused CONNECT; undefined when it never answered
   * @param code - the socket error code when the proxy could not be reached (ECONNREFUSED, …)
   */
  constructor(
    readonly proxyStatus: number | undefined,
    readonly statusText: string,
    readonly code: string | undefined,
  ) {
    super(proxyStatus === undefined ? `proxy connection failed (${code})` : statusText);
    this.name = "TunnelFailure";
  }
}

/** Requests whose CONNECT is still unanswered (to tell a proxy's silence from the vendor's). */
const pendingTunnels = new WeakSet<object>();

/** Whether `request` (an http.ClientRequest) was still waiting for the proxy's CONNECT answer. */
export function awaitingProxy(request: unknown): boolean {
  return typeof request === "object" && request !== null && pendingTunnels.has(request);
}

/** How one tunnel agent is set up. */
export interface TunnelAgentOptions {
  /** The proxy, credentials included (sent as Proxy-Authorization Basic). */
  proxy: URL;
  /** Pool settings shared with the direct agent (keepAlive, timeout, maxSockets). */
  pool: http.AgentOptions;
  /** TLS towards the vendor: CA, client certificate, verification, minimum version. */
  target: https.AgentOptions;
  /** TLS towards an https:// proxy: whom to trust. */
  proxyCa?: string[];
}

/** An HttpsProxyAgent that fails loudly and verifies the vendor, not the proxy. */
export class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(options: TunnelAgentOptions) {
    super(options.proxy, { ...options.pool, ca: options.proxyCa });
    // Node's Agent reads `timeout` from here, and agent-base merges these into the options of the
    // inner TLS connection; HttpsProxyAgent's constructor reset them to `{ path: undefined }`.
    this.options = { path: undefined, ...options.pool, ...options.target } as typeof this.options;
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<net.Socket> {
    const host = opts.host ?? "";
    let answer: ConnectAnswer | undefined;
    const onAnswer = (connect: ConnectAnswer) => (answer = connect);
    req.once("proxyConnect", onAnswer);
    pendingTunnels.add(req);
    let socket: net.Socket;
    try {
      socket = await super.connect(req, {
        ...opts,
        checkServerIdentity: (_name: string, cert: tls.PeerCertificate) =>
          tls.checkServerIdentity(host, cert),
      } as AgentConnectOpts);
    } catch (err) {
      const code = (err as { code?: string }).code ?? "EPROXY";
      throw new TunnelFailure(undefined, "", code);
    } finally {
      pendingTunnels.delete(req);
      req.removeListener("proxyConnect", onAnswer);
    }
    if (answer && answer.statusCode !== 200) {
      socket.destroy();
      throw new TunnelFailure(answer.statusCode, answer.statusText, undefined);
    }
    return socket;
  }
}
