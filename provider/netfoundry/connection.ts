/**
 * NetFoundry connection fields: each resolves arg → stack config `certplane:netfoundry<Field>` → env
 * `CERTPLANE_NETFOUNDRY_<FIELD>`. Authentication is a Bearer `token` (a console API access token), or
 * OAuth client credentials (`clientId`, `clientSecret`, `tokenUrl`, optional `audience`/`scope`).
 */
import {
  resolveConnection,
  type ConnectionFieldSpec,
  type ResolvedConnection,
} from "../core/connection";
import { proxyFieldSpecs } from "../core/proxySettings";

/** NetFoundry's production gateway (vendor-apis.md 4.1). */
export const DEFAULT_GATEWAY_URL = "https://gateway.production.netfoundry.io";

/** The NetFoundry connection fields. */
export const NETFOUNDRY_CONNECTION_FIELDS: readonly ConnectionFieldSpec[] = [
  { name: "url", kind: "string", fallback: DEFAULT_GATEWAY_URL },
  { name: "token", kind: "string", secret: true },
  { name: "clientId", kind: "string" },
  { name: "clientSecret", kind: "string", secret: true },
  { name: "tokenUrl", kind: "string" },
  { name: "audience", kind: "string" },
  { name: "scope", kind: "string" },
  { name: "caCertPem", kind: "string", pem: true },
  { name: "insecureSkipTlsVerify", kind: "boolean", fallback: false },
  { name: "timeoutSeconds", kind: "number", fallback: 30 },
  { name: "frontdoorId", kind: "string" },
  ...proxyFieldSpecs(),
];

/** Resolves the NetFoundry connection of a resource's `connection` arg. */
export function resolveNetfoundryConnection(
  args: Record<string, unknown> | undefined,
): ResolvedConnection {
  return resolveConnection("netfoundry", NETFOUNDRY_CONNECTION_FIELDS, args);
}
