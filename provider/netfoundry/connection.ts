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
import { connectionFieldSpecs } from "../core/connectionSchema";

/**
 * The NetFoundry connection fields, from the schema's `certplane:netfoundry:Connection` (whose url
 * defaults to the production gateway, vendor-apis.md 4.1).
 */
export const NETFOUNDRY_CONNECTION_FIELDS: readonly ConnectionFieldSpec[] = connectionFieldSpecs(
  "certplane:netfoundry:Connection",
);

/** Resolves the NetFoundry connection of a resource's `connection` arg. */
export function resolveNetfoundryConnection(
  args: Record<string, unknown> | undefined,
): ResolvedConnection {
  return resolveConnection("netfoundry", NETFOUNDRY_CONNECTION_FIELDS, args);
}
