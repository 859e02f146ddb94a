/**
 * How a resource reaches an Oracle SBC. Each field resolves: this argument → stack config
 * `certplane:oraclesbc<Field>` → environment `CERTPLANE_ORACLESBC_<FIELD>`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { withSecretFields } from "../secrets";

/**
 * Connection to an Oracle Communications SBC REST API (v1.2).
 * @see https://docs.oracle.com/en/industries/communications/session-border-controller/9.3.0/rest/authenticate.html
 */
export interface ConnectionArgs {
  /**
   * Base URL of the SBC management interface, e.g. `https://10.0.0.5` (`/rest/v1.2` is added).
   * HTTPS only: the device answers plain HTTP with 426.
   * @default - `certplane:oraclesbcUrl`, else `CERTPLANE_ORACLESBC_URL`
   */
  url?: pulumi.Input<string>;
  /**
   * Admin user for HTTP Basic authentication (exchanged for a 10-minute Bearer token).
   * @default - `certplane:oraclesbcUsername`, else `CERTPLANE_ORACLESBC_USERNAME`
   */
  username?: pulumi.Input<string>;
  /**
   * Password of `username`. Secret: wrapped with `pulumi.secret`, never logged.
   * @default - `certplane:oraclesbcPassword`, else `CERTPLANE_ORACLESBC_PASSWORD`
   */
  password?: pulumi.Input<string>;
  /**
   * A ready Bearer token instead of username/password (it cannot be renewed, so long runs need
   * username/password). Secret.
   * @default - `certplane:oraclesbcToken`, else `CERTPLANE_ORACLESBC_TOKEN`
   */
  token?: pulumi.Input<string>;
  /**
   * PEM of the CA that signed the SBC's HTTPS certificate (devices start self-signed); PEM text,
   * `\n`-escaped PEM or a file path from config/env.
   * @default - system roots only
   */
  caCertPem?: pulumi.Input<string>;
  /**
   * Skip HTTPS certificate verification (warns). Prefer `caCertPem`.
   * @default false
   */
  insecureSkipTlsVerify?: pulumi.Input<boolean>;
  /**
   * Per-request timeout in seconds (generateRequest always gets at least 600 s: key generation on
   * the device can take minutes).
   * @default 30
   */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * How long to keep retrying when the configuration lock is held by another user (423 "Resource
   * locked by another user"), in seconds. The default is one token lifetime (10 minutes: a lock left
   * by a lost REST session frees itself then) plus a minute.
   * @default 660
   */
  lockTimeoutSeconds?: pulumi.Input<number>;
  /**
   * HTTP CONNECT proxy to reach the SBC through: `http://host:port` or `https://host:port`, optionally
   * `http://user:password@host:port` (then a secret). TLS, the CA and client certificates work end
   * to end through the tunnel. See docs/connections.md.
   * @default - `certplane:oraclesbcProxyUrl`, else `CERTPLANE_ORACLESBC_PROXY_URL`, else `HTTPS_PROXY`/`https_proxy`
   */
  proxyUrl?: pulumi.Input<string>;
  /**
   * Hosts reached directly, not through the proxy, in `NO_PROXY` syntax (as Go reads it):
   * comma-separated host names (matching subdomains too), `.domain`, IPs, CIDRs, optional `:port`;
   * `"*"` turns the proxy off for this connection.
   * @default - `certplane:oraclesbcNoProxy`, else `CERTPLANE_ORACLESBC_NO_PROXY`, else `NO_PROXY`/`no_proxy`
   */
  noProxy?: pulumi.Input<string>;
}

/** Fields of {@link ConnectionArgs} that are secrets. */
export const SECRET_CONNECTION_FIELDS = ["password", "token"] as const;

/**
 * The connection with its secret fields wrapped.
 * @param connection - the user's connection
 */
export function secretConnection(
  connection: pulumi.Input<ConnectionArgs> | undefined,
): pulumi.Input<ConnectionArgs> | undefined {
  return withSecretFields(connection, SECRET_CONNECTION_FIELDS);
}
