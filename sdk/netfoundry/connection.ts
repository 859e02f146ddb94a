import type * as pulumi from "@pulumi/pulumi";

/**
 * How to reach NetFoundry's gateway. Each field resolves from this argument, else stack config
 * `certplane:netfoundry<Field>`, else env `CERTPLANE_NETFOUNDRY_<FIELD>`. Authenticate with `token`,
 * or with OAuth client credentials (`clientId`, `clientSecret`, `tokenUrl`, `audience`, `scope`).
 */
export interface NetFoundryConnectionArgs {
  /** Gateway URL. @defaultValue "https://gateway.production.netfoundry.io" */
  url?: pulumi.Input<string>;
  /** An API access token (secret). */
  token?: pulumi.Input<string>;
  /** OAuth client id. */
  clientId?: pulumi.Input<string>;
  /** OAuth client secret (secret). */
  clientSecret?: pulumi.Input<string>;
  /** OAuth token endpoint, e.g. `https://<IdP>/oauth/token`. */
  tokenUrl?: pulumi.Input<string>;
  /** OAuth audience, e.g. `https://gateway.production.netfoundry.io/frontdoor`. */
  audience?: pulumi.Input<string>;
  /** OAuth scope, e.g. `frontdoor.read frontdoor.write`. */
  scope?: pulumi.Input<string>;
  /** PEM of a private CA to trust. */
  caCertPem?: pulumi.Input<string>;
  /** Skip server certificate verification (explicit opt-in; warns). @defaultValue false */
  insecureSkipTlsVerify?: pulumi.Input<boolean>;
  /** Per-request timeout. @defaultValue 30 */
  timeoutSeconds?: pulumi.Input<number>;
  /** Default Frontdoor for resources that do not name one. */
  frontdoorId?: pulumi.Input<string>;
  /**
   * HTTP CONNECT proxy to reach NetFoundry's gateway and token endpoint through: `http://host:port` or `https://host:port`, optionally
   * `http://user:password@host:port` (then a secret). TLS, the CA and client certificates work end
   * to end through the tunnel. See docs/connections.md.
   * @default - `certplane:netfoundryProxyUrl`, else `CERTPLANE_NETFOUNDRY_PROXY_URL`, else `HTTPS_PROXY`/`https_proxy`
   */
  proxyUrl?: pulumi.Input<string>;
  /**
   * Hosts reached directly, not through the proxy, in `NO_PROXY` syntax (as Go reads it):
   * comma-separated host names (matching subdomains too), `.domain`, IPs, CIDRs, optional `:port`;
   * `"*"` turns the proxy off for this connection.
   * @default - `certplane:netfoundryNoProxy`, else `CERTPLANE_NETFOUNDRY_NO_PROXY`, else `NO_PROXY`/`no_proxy`
   */
  noProxy?: pulumi.Input<string>;
}

/** Connection fields wrapped as secrets. */
export const NETFOUNDRY_SECRET_FIELDS = ["token", "clientSecret"] as const;
