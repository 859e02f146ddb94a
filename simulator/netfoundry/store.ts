// One Frontdoor's client certificates and the API's access tokens, as the NetFoundry simulator keeps
// them. CSR-signed certificates come from a CA whose subject is exactly the issuer seed 004 states.
import { randomUUID } from "node:crypto";
import type { SimulatorClock } from "../core/clock";
import { randomSecret } from "../core/ids";

/** A client certificate (upload or NetFoundry-signed). */
export interface ClientCertificateRecord {
  id: string;
  name: string;
  frontdoorId: string;
  createdAt: string;
  createdBy: string;
  updatedAt?: string;
  updatedBy?: string;
  /** The certificate PEM (for a CSR: the certificate NetFoundry issued). */
  value: string;
  /** How it was created. */
  origin: "upload" | "csr";
}

/** An access token minted by the OAuth endpoint, with its expiry (simulator clock, ms). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}

/** The state of the NetFoundry simulator. */
export class FrontdoorStore {
  frontdoorId = randomUUID();
  /** A console-generated API access token (never expires). */
  staticToken = randomSecret();
  clientId = `nf-client-${randomUUID().slice(0, 8)}`;
  clientSecret = randomSecret();
  tokenLifetimeSeconds = 3600;
  accessTokens: AccessToken[] = [];
  certificates: ClientCertificateRecord[] = [];

  constructor(private readonly clock: SimulatorClock) {}

  /** The caller of a Bearer token, or undefined when it is missing, unknown or expired. */
  caller(token: string | undefined): string | undefined {
    if (!token) return undefined;
    if (token === this.staticToken) return "api-account";
    const minted = this.accessTokens.find((candidate) => candidate.token === token);
    if (minted && minted.expiresAt > this.clock.now().getTime()) return this.clientId;
    return undefined;
  }

  /** Mints an OAuth access token. */
  mint(): AccessToken {
    const token = {
      token: randomSecret(),
      expiresAt: this.clock.now().getTime() + this.tokenLifetimeSeconds * 1000,
    };
    this.accessTokens.push(token);
    return token;
  }
}
