/**
 * The Bearer token for NetFoundry: the configured `token`, or one minted by OAuth client credentials
 * (vendor-apis.md 4.4) and cached per (token URL, client id) until a minute before `expires_in`.
 */
import {
  booleanField,
  numberField,
  requireField,
  sourceOf,
  stringField,
  type ResolvedConnection,
} from "../core/connection";
import { CertplaneError } from "../core/errors";
import { HttpClient } from "../core/http";
import { proxySettingsOf } from "../core/proxySettings";
import { registerSecret } from "../core/redact";
import { now } from "../core/clock";

/** Renew this long before the token's own expiry. */
const EXPIRY_MARGIN_MS = 60_000;

const cache = new Map<string, { token: string; expiresAt: number }>();

/** Where the Bearer token comes from, for one connection. */
export class AccessTokenSource {
  constructor(private readonly conn: ResolvedConnection) {}

  /** True when tokens are minted (and so can be refreshed after a 401). */
  get refreshable(): boolean {
    return (
      stringField(this.conn, "token") === undefined &&
      stringField(this.conn, "clientId") !== undefined
    );
  }

  /** Where a bad token came from, for messages. */
  describe(): string {
    return this.refreshable
      ? `OAuth client credentials (clientId from ${sourceOf(this.conn, "clientId")})`
      : `the token from ${sourceOf(this.conn, "token")}`;
  }

  /** The current Bearer token. */
  async token(): Promise<string> {
    const token = stringField(this.conn, "token");
    if (token !== undefined) return token;
    if (stringField(this.conn, "clientId") === undefined) {
      throw new CertplaneError(
        "NetFoundry needs credentials: set connection.token (an API access token), or connection.clientId, clientSecret and tokenUrl " +
          "(also as certplane:netfoundryToken / CERTPLANE_NETFOUNDRY_TOKEN, …ClientId, …ClientSecret, …TokenUrl).",
      );
    }
    const key = this.cacheKey();
    const cached = cache.get(key);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now().getTime()) return cached.token;
    return this.mint(key);
  }

  /** Forgets a cached minted token (after a 401). */
  invalidate(): void {
    if (this.refreshable) cache.delete(this.cacheKey());
  }

  private cacheKey(): string {
    return `${requireField(this.conn, "tokenUrl")}\u0000${requireField(this.conn, "clientId")}`;
  }

  private async mint(key: string): Promise<string> {
    const tokenUrl = new URL(requireField(this.conn, "tokenUrl"));
    const client = new HttpClient({
      vendor: "NetFoundry",
      prefix: "netfoundry",
      baseUrl: tokenUrl.origin,
      caCertPem: stringField(this.conn, "caCertPem"),
      insecureSkipTlsVerify: booleanField(this.conn, "insecureSkipTlsVerify"),
      timeoutSeconds: numberField(this.conn, "timeoutSeconds"),
      proxy: proxySettingsOf(this.conn),
    });
    const answer = await client.request<{ access_token?: string; expires_in?: number }>({
      method: "POST",
      path: tokenUrl.pathname,
      body: {
        grant_type: "client_credentials",
        client_id: requireField(this.conn, "clientId"),
        client_secret: requireField(this.conn, "clientSecret"),
        audience: stringField(this.conn, "audience"),
        scope: stringField(this.conn, "scope"),
      },
      // Minting twice is harmless: a token request is safe to retry.
      idempotent: true,
      property: "connection.clientSecret",
    });
    const token = answer.data.access_token;
    if (!token)
      throw new CertplaneError("NetFoundry's token endpoint answered without an access_token.");
    registerSecret(token);
    const lifetimeSeconds =
      typeof answer.data.expires_in === "number" ? answer.data.expires_in : 3600;
    cache.set(key, { token, expiresAt: now().getTime() + lifetimeSeconds * 1000 });
    return token;
  }
}
