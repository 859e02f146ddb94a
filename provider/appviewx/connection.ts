/**
 * AppViewX connection fields: each resolves arg → stack config `certplane:appviewx<Field>` → env
 * `CERTPLANE_APPVIEWX_<FIELD>`. `url` is the Cloud Connector's mTLS gateway (enroll, seed 002);
 * `revocationUrl` the API gateway for `/avxapi` calls (vendor-apis.md 3.5), defaulting to `url`.
 */
import {
  booleanField,
  numberField,
  requireField,
  resolveConnection,
  stringField,
  type ConnectionFieldSpec,
  type ResolvedConnection,
  type ResolvedField,
} from "../core/connection";
import type { VendorErrorDetails } from "../core/errors";
import { HttpClient, type ErrorContext } from "../core/http";
import { connectionFieldSpecs } from "../core/connectionSchema";
import { proxySettingsOf } from "../core/proxySettings";
import { remediationFor } from "./errorCodes";

/**
 * The AppViewX connection fields, from the schema's `certplane:appviewx:Connection`; revocationUrl
 * defaults to the enroll url, which a schema cannot say.
 */
export const APPVIEWX_CONNECTION_FIELDS: readonly ConnectionFieldSpec[] = connectionFieldSpecs(
  "certplane:appviewx:Connection",
  {
    revocationUrl: {
      fallback: (resolved): ResolvedField | undefined =>
        resolved.url?.value === undefined
          ? undefined
          : {
              value: resolved.url.value,
              source: { kind: "default", description: "the enroll url" },
            },
    },
  },
);

/** Resolves the AppViewX connection of a resource's `connection` arg. */
export function resolveAppViewXConnection(
  args: Record<string, unknown> | undefined,
): ResolvedConnection {
  return resolveConnection("appviewx", APPVIEWX_CONNECTION_FIELDS, args);
}

/** AppViewX's envelope `{response, message, appStatusCode, tags}` as error details, with the seed's remediation. */
function appviewxErrorDetails(ctx: ErrorContext): Partial<VendorErrorDetails> | undefined {
  const body = ctx.json as { message?: unknown; appStatusCode?: unknown } | undefined;
  if (!body || typeof body !== "object") return undefined;
  const code = typeof body.appStatusCode === "string" ? body.appStatusCode : undefined;
  const known = code ? remediationFor(code) : undefined;
  return {
    vendorCode: code,
    vendorMessage: typeof body.message === "string" ? body.message : undefined,
    remediation: known?.remediation,
    property: known?.property,
  };
}

/** An HTTP client for the enroll (mTLS) or revocation (session) endpoint. */
export function appviewxHttpClient(
  conn: ResolvedConnection,
  endpoint: "enroll" | "revocation",
): HttpClient {
  const mtls = endpoint === "enroll";
  return new HttpClient({
    vendor: "AppViewX",
    prefix: "appviewx",
    // AppViewX has no token: enroll authenticates with the client certificate, revoke logs in.
    credentialField: mtls ? "clientCertificatePem" : "revocationPassword",
    baseUrl: requireField(conn, mtls ? "url" : "revocationUrl"),
    caCertPem: stringField(conn, "caCertPem"),
    insecureSkipTlsVerify: booleanField(conn, "insecureSkipTlsVerify"),
    timeoutSeconds: numberField(conn, "timeoutSeconds"),
    clientCertificatePem: mtls ? requireField(conn, "clientCertificatePem") : undefined,
    clientPrivateKeyPem: mtls ? requireField(conn, "clientPrivateKeyPem") : undefined,
    proxy: proxySettingsOf(conn),
    mapError: appviewxErrorDetails,
  });
}
