import type * as pulumi from "@pulumi/pulumi";

/**
 * How to reach AppViewX CERT+. Each field resolves from this argument, else stack config
 * `certplane:appviewx<Field>`, else env `CERTPLANE_APPVIEWX_<FIELD>`.
 */
export interface AppViewXConnectionArgs {
  /** The Cloud Connector's mTLS gateway, e.g. `https://cc.example.com:30021` (enroll). */
  url?: pulumi.Input<string>;
  /** The mTLS client certificate (PEM) from an issuer configured in CERT+. */
  clientCertificatePem?: pulumi.Input<string>;
  /** Its private key (PEM, secret). */
  clientPrivateKeyPem?: pulumi.Input<string>;
  /** PEM of a private CA to trust. */
  caCertPem?: pulumi.Input<string>;
  /** Skip server certificate verification (explicit opt-in; warns). @defaultValue false */
  insecureSkipTlsVerify?: pulumi.Input<boolean>;
  /** Per-request timeout. @defaultValue 30 */
  timeoutSeconds?: pulumi.Input<number>;
  /** The `gwsource` query parameter. @defaultValue "external" */
  gwsource?: pulumi.Input<string>;
  /** The API gateway for `/avxapi` revocation calls. @defaultValue url */
  revocationUrl?: pulumi.Input<string>;
  /** API user for revocation (session login). */
  revocationUsername?: pulumi.Input<string>;
  /** Its password (secret). */
  revocationPassword?: pulumi.Input<string>;
  /**
   * HTTP CONNECT proxy to reach AppViewX (enroll and revocation) through: `http://host:port` or `https://host:port`, optionally
   * `http://user:password@host:port` (then a secret). TLS, the CA and client certificates work end
   * to end through the tunnel. See docs/connections.md.
   * @default - `certplane:appviewxProxyUrl`, else `CERTPLANE_APPVIEWX_PROXY_URL`, else `HTTPS_PROXY`/`https_proxy`
   */
  proxyUrl?: pulumi.Input<string>;
  /**
   * Hosts reached directly, not through the proxy, in `NO_PROXY` syntax (as Go reads it):
   * comma-separated host names (matching subdomains too), `.domain`, IPs, CIDRs, optional `:port`;
   * `"*"` turns the proxy off for this connection.
   * @default - `certplane:appviewxNoProxy`, else `CERTPLANE_APPVIEWX_NO_PROXY`, else `NO_PROXY`/`no_proxy`
   */
  noProxy?: pulumi.Input<string>;
}

/** Connection fields wrapped as secrets. */
export const APPVIEWX_SECRET_FIELDS = ["clientPrivateKeyPem", "revocationPassword"] as const;
