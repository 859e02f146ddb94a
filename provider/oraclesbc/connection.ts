/**
 * The Oracle SBC connection: which device, which credentials, how long to wait. Each field resolves
 * resource argument `connection.<field>` → stack config `certplane:oraclesbc<Field>` → environment
 * `CERTPLANE_ORACLESBC_<FIELD>` (provider/core/connection.ts).
 */
import {
  booleanField,
  numberField,
  requireField,
  resolveConnection,
  stringField,
  whereToSet,
  type ConnectionFieldSpec,
  type ResolvedConnection,
} from "../core/connection";
import { CertplaneError } from "../core/errors";
import { connectionFieldSpecs } from "../core/connectionSchema";
import { proxySettingsOf, type ProxySettings } from "../core/proxySettings";

/** generateRequest may take minutes on the device (4096-bit RSA): at least this long. */
export const GENERATE_REQUEST_TIMEOUT_SECONDS = 600;

/**
 * The connection fields, in resolution order, from the schema's `certplane:oraclesbc:Connection`
 * (where the lock timeout's default is explained: one token lifetime plus a minute).
 */
export const ORACLESBC_CONNECTION_FIELDS: readonly ConnectionFieldSpec[] = connectionFieldSpecs(
  "certplane:oraclesbc:Connection",
);

/** A resolved SBC connection. */
export interface SbcConnection {
  /** Base URL without `/rest/v1.2`, e.g. `https://10.0.0.5`. */
  url: string;
  username?: string;
  /** Secret. */
  password?: string;
  /** A ready Bearer token (secret); used when no username/password is set. */
  token?: string;
  caCertPem?: string;
  insecureSkipTlsVerify: boolean;
  timeoutSeconds: number;
  lockTimeoutSeconds: number;
  /** The egress proxy fields (proxyUrl may hold credentials: never print it). */
  proxy: ProxySettings;
  resolved: ResolvedConnection;
}

/**
 * Resolves the connection of one resource.
 * @param args - the resource's `connection` input (may be undefined)
 */
export function resolveSbcConnection(args: Record<string, unknown> | undefined): SbcConnection {
  const resolved = resolveConnection("oraclesbc", ORACLESBC_CONNECTION_FIELDS, args);
  const url = requireField(resolved, "url")
    .replace(/\/+$/, "")
    .replace(/\/rest\/v[\d.]+$/, "");
  const username = stringField(resolved, "username");
  const password = stringField(resolved, "password");
  const token = stringField(resolved, "token");
  if (!(username && password) && !token) {
    throw new CertplaneError(
      `Oracle SBC credentials are not set: give username and password ` +
        `(${whereToSet("oraclesbc", "username")}; ${whereToSet("oraclesbc", "password")}) ` +
        `or a token (${whereToSet("oraclesbc", "token")}).`,
    );
  }
  return {
    url,
    username,
    password,
    token,
    caCertPem: stringField(resolved, "caCertPem"),
    insecureSkipTlsVerify: booleanField(resolved, "insecureSkipTlsVerify"),
    timeoutSeconds: numberField(resolved, "timeoutSeconds"),
    lockTimeoutSeconds: numberField(resolved, "lockTimeoutSeconds"),
    proxy: proxySettingsOf(resolved),
    resolved,
  };
}
