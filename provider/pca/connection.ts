/**
 * PCA connection fields: each resolves resource arg → stack config `certplane:pca<Field>` → env
 * `CERTPLANE_PCA_<FIELD>` (provider/core/connection.ts).
 */
import {
  booleanField,
  numberField,
  requireField,
  resolveConnection,
  stringField,
  type ConnectionFieldSpec,
  type ResolvedConnection,
} from "../core/connection";
import { HttpClient, type HttpClientConfig } from "../core/http";
import type { ErrorContext } from "../core/http";
import type { VendorErrorDetails } from "../core/errors";
import { connectionFieldSpecs } from "../core/connectionSchema";
import { proxySettingsOf } from "../core/proxySettings";

/** The PCA connection fields, from the schema's `certplane:pca:Connection`. */
export const PCA_CONNECTION_FIELDS: readonly ConnectionFieldSpec[] = connectionFieldSpecs(
  "certplane:pca:Connection",
);

/** Resolves the PCA connection of a resource's `connection` arg. */
export function resolvePcaConnection(
  args: Record<string, unknown> | undefined,
): ResolvedConnection {
  return resolveConnection("pca", PCA_CONNECTION_FIELDS, args);
}

/** PCA's JSON error body `{error, message}` (when it sends one) as error details. */
export function pcaErrorDetails(ctx: ErrorContext): Partial<VendorErrorDetails> | undefined {
  const body = ctx.json as { error?: unknown; message?: unknown } | undefined;
  if (!body || typeof body !== "object") return undefined;
  return {
    vendorCode: typeof body.error === "string" ? body.error : undefined,
    vendorMessage: typeof body.message === "string" ? body.message : undefined,
  };
}

/** How a call to PCA's API listener is made: {@link pcaHttpClient}'s, and the token handshake's. */
export function pcaClientConfig(
  conn: ResolvedConnection,
  options: { withToken: boolean; clientCertificatePem?: string; clientPrivateKeyPem?: string },
): HttpClientConfig {
  const headers: Record<string, string> = {};
  if (options.withToken) headers.Authorization = `Bearer ${requireField(conn, "token")}`;
  return {
    vendor: "PCA",
    prefix: "pca",
    baseUrl: requireField(conn, "url"),
    caCertPem: stringField(conn, "caCertPem"),
    insecureSkipTlsVerify: booleanField(conn, "insecureSkipTlsVerify"),
    timeoutSeconds: numberField(conn, "timeoutSeconds"),
    clientCertificatePem: options.clientCertificatePem,
    clientPrivateKeyPem: options.clientPrivateKeyPem,
    proxy: proxySettingsOf(conn),
    headers,
    mapError: pcaErrorDetails,
  };
}

/**
 * An HTTP client for PCA's API listener. `clientCertificatePem`/`clientPrivateKeyPem` present a
 * client certificate (the mTLS validate call); `withToken` adds the Bearer token.
 */
export function pcaHttpClient(
  conn: ResolvedConnection,
  options: { withToken: boolean; clientCertificatePem?: string; clientPrivateKeyPem?: string },
): HttpClient {
  return new HttpClient(pcaClientConfig(conn, options));
}
