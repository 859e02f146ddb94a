/**
 * Zitadel connection fields (PCA's identity service, `https://<PCA_IP>:3443` in seed 001). Each
 * resolves arg → stack config `certplane:zitadel<Field>` → env `CERTPLANE_ZITADEL_<FIELD>` → the PCA
 * connection: url = the PCA host on port 3443, token and caCertPem = PCA's.
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
import { resolvePcaConnection } from "./connection";

/** Zitadel's port on a PCA host (seed 001). */
export const ZITADEL_PORT = 3443;

function fromPca(
  pca: ResolvedConnection,
  name: string,
  derive?: (v: string) => string,
): () => ResolvedField | undefined {
  return () => {
    const value = stringField(pca, name);
    if (value === undefined) return undefined;
    return {
      value: derive ? derive(value) : value,
      source: { kind: "default", description: `derived from the PCA ${name}` },
    };
  };
}

function zitadelUrlOf(pcaUrl: string): string {
  const url = new URL(pcaUrl);
  url.port = String(ZITADEL_PORT);
  return url.origin;
}

/** Resolves the Zitadel connection of a resource's `connection` arg. */
export function resolveZitadelConnection(
  args: Record<string, unknown> | undefined,
): ResolvedConnection {
  const pca = resolvePcaConnection(undefined);
  const fields: ConnectionFieldSpec[] = connectionFieldSpecs(
    "certplane:pca:ZitadelConnection",
    {
      url: { fallback: fromPca(pca, "url", zitadelUrlOf) },
      token: { fallback: fromPca(pca, "token") },
      caCertPem: { fallback: fromPca(pca, "caCertPem") },
    },
    // Zitadel runs on the PCA host, so PCA's proxy settings apply unless Zitadel's own are set;
    // only PCA's explicit ones (config, CERTPLANE_PCA_*): the standard environment follows anyway.
    // They keep their source, so a proxy error names the setting to fix.
    (name) => {
      const field = pca.fields[name];
      const kind = field?.source.kind;
      return kind === "config" || (kind === "env" && !isStandardProxyEnv(pca, name))
        ? field
        : undefined;
    },
  );
  return resolveConnection("zitadel", fields, args);
}

/** Whether PCA's field came from HTTPS_PROXY/NO_PROXY rather than CERTPLANE_PCA_*. */
function isStandardProxyEnv(pca: ResolvedConnection, name: string): boolean {
  const source = pca.fields[name]?.source;
  return source?.kind === "env" && !source.name.startsWith("CERTPLANE_");
}

/** gRPC status names by number (Zitadel's REST errors carry either form). */
const GRPC_NAMES: Record<number, string> = {
  3: "invalid_argument",
  5: "not_found",
  6: "already_exists",
  7: "permission_denied",
  9: "failed_precondition",
  16: "unauthenticated",
};

/** The gRPC code of a Zitadel error body, as its name (`not_found`), whichever form was sent. */
export function zitadelCode(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  if (typeof code === "number") return GRPC_NAMES[code] ?? String(code);
  if (typeof code === "string") return code.toLowerCase();
  return undefined;
}

/**
 * Error details from Zitadel's `{code, message, details}`: the code only. The message is localized
 * and not a stable contract (vendor-apis.md 2.6), so it is never matched and only shown as text.
 */
function zitadelErrorDetails(ctx: ErrorContext): Partial<VendorErrorDetails> | undefined {
  const code = zitadelCode(ctx.json);
  if (code === undefined) return undefined;
  const message = (ctx.json as { message?: unknown }).message;
  return { vendorCode: code, vendorMessage: typeof message === "string" ? message : undefined };
}

/** An HTTP client for Zitadel with the Bearer token and, when given, `x-zitadel-orgid`. */
export function zitadelHttpClient(conn: ResolvedConnection, organizationId?: string): HttpClient {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${requireField(conn, "token")}`,
  };
  if (organizationId) headers["x-zitadel-orgid"] = organizationId;
  return new HttpClient({
    vendor: "Zitadel",
    prefix: "zitadel",
    baseUrl: requireField(conn, "url"),
    caCertPem: stringField(conn, "caCertPem"),
    insecureSkipTlsVerify: booleanField(conn, "insecureSkipTlsVerify"),
    timeoutSeconds: numberField(conn, "timeoutSeconds"),
    proxy: proxySettingsOf(conn),
    headers,
    mapError: zitadelErrorDetails,
  });
}
