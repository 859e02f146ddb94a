/**
 * One keep-alive `https.Agent` per (origin, trust, client certificate, proxy) per process.
 *
 * Pulumi runs many resources of a stack in one dynamic-provider process; sharing the agent lets them
 * reuse TLS sessions instead of handshaking per request. The key hashes the PEMs and the proxy URL,
 * so two connections with different client certificates or proxies never share a socket. Through a
 * proxy the agent is a {@link TunnelAgent} with the same pool and TLS settings.
 */
import { createHash } from "node:crypto";
import type * as http from "node:http";
import * as https from "node:https";
import * as tls from "node:tls";
import { log } from "./log";
import { TunnelAgent } from "./proxyAgent";

/** What a TLS connection trusts and presents. */
export interface TlsSettings {
  /** Extra CA certificate(s) to trust besides the system roots (PEM). */
  caCertPem?: string;
  /** Skip server certificate verification (explicit opt-in; warns once per origin). */
  insecureSkipTlsVerify?: boolean;
  /** Client certificate for mTLS (PEM, may include the chain). */
  clientCertificatePem?: string;
  /** Client private key for mTLS (PEM). */
  clientPrivateKeyPem?: string;
}

const agents = new Map<string, http.Agent>();
const warnedInsecure = new Set<string>();

/** The shared agent for `origin` with `settings`, tunnelled through `proxy` when given. */
export function agentFor(origin: string, settings: TlsSettings, proxy?: URL): http.Agent {
  const key = [
    origin,
    digest(settings.caCertPem),
    settings.insecureSkipTlsVerify ? "insecure" : "verify",
    digest(settings.clientCertificatePem),
    digest(settings.clientPrivateKeyPem),
    digest(proxy?.href),
  ].join("|");
  let agent = agents.get(key);
  if (!agent) {
    if (settings.insecureSkipTlsVerify && !warnedInsecure.has(origin)) {
      warnedInsecure.add(origin);
      log.warn(
        `TLS certificate verification is DISABLED for ${origin} (insecureSkipTlsVerify). ` +
          `Anyone on the network path can impersonate it; prefer caCertPem.`,
      );
    }
    const pool = {
      keepAlive: true,
      // Node only honours a server's `Keep-Alive: timeout=N` (closing idle sockets a second early)
      // when the agent has a timeout; without it, a socket idle past the server's limit is reused
      // just as the server closes it, and a POST sent on it fails with ECONNRESET (ambiguous, never
      // retried). 30 s bounds idle sockets of servers that announce nothing.
      timeout: 30_000,
      maxSockets: 16,
    };
    const ca = settings.caCertPem ? [...tls.rootCertificates, settings.caCertPem] : undefined;
    const target: https.AgentOptions = {
      minVersion: "TLSv1.2",
      ca,
      rejectUnauthorized: !settings.insecureSkipTlsVerify,
      cert: settings.clientCertificatePem,
      key: settings.clientPrivateKeyPem,
    };
    // An https:// proxy is verified against the same trust (system roots plus caCertPem), and never
    // sees the client certificate, which is for the vendor only.
    agent = proxy
      ? new TunnelAgent({ proxy, pool, target, proxyCa: ca })
      : new https.Agent({ ...pool, ...target });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pooled socket (tests, and the end of a benchmark). */
export function destroyAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

function digest(text: string | undefined): string {
  return text ? createHash("sha256").update(text).digest("hex").slice(0, 16) : "-";
}
