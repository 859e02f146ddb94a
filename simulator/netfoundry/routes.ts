// The six client-certificate paths of seed 004 under /frontdoor/{frontdoorId}/client-certificates,
// with paging/sorting (Spring `content` shape, or HAL when asked for application/hal+json), and the
// OAuth client-credentials token endpoint of vendor-apis.md 4.4.
import { randomUUID, X509Certificate } from "node:crypto";
import type { CertificateAuthority } from "../core/certificateAuthority";
import type { SimulatorClock } from "../core/clock";
import { isJsonObject, type JsonObject } from "../core/json";
import type { SimRequest } from "../core/request";
import { json, type SimResponse } from "../core/response";
import { route, type Route } from "../core/router";
import { signClientCsr } from "./pki";
import type { ClientCertificateRecord, FrontdoorStore } from "./store";

const BASE = "/frontdoor/:frontdoorId/client-certificates";
const MAX_PAGE_SIZE = 2000;
const NAME_MAX = 255;

/** Seed 004's error body. */
export function nfError(status: number, error: string, message: string): SimResponse {
  return json(status, { error, message });
}

function summary(record: ClientCertificateRecord): JsonObject {
  const out: JsonObject = {
    id: record.id,
    name: record.name,
    frontdoorId: record.frontdoorId,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  };
  if (record.updatedAt) out.updatedAt = record.updatedAt;
  if (record.updatedBy) out.updatedBy = record.updatedBy;
  return out;
}

type PemKind = "certificate" | "csr" | "other";

function pemKind(value: string): PemKind {
  const label = /^\s*-----BEGIN ([A-Z ]+)-----/.exec(value)?.[1];
  if (label === "CERTIFICATE") return "certificate";
  if (label === "CERTIFICATE REQUEST" || label === "NEW CERTIFICATE REQUEST") return "csr";
  return "other";
}

function isCertificate(value: string): boolean {
  try {
    new X509Certificate(value);
    return true;
  } catch {
    return false;
  }
}

/** Builds the routes. */
export function netfoundryRoutes(
  store: FrontdoorStore,
  ca: () => CertificateAuthority,
  clock: SimulatorClock,
): Route[] {
  /** Auth and Frontdoor checks shared by every client-certificate call. */
  const guard = (
    request: SimRequest,
    then: (caller: string) => SimResponse | Promise<SimResponse>,
  ) => {
    const header = request.header("authorization");
    const token = header ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    const caller = store.caller(token);
    if (!caller) return nfError(401, "unauthorized", "Bearer token is missing or invalid");
    if (request.params.frontdoorId !== store.frontdoorId) {
      return nfError(403, "not_found", `Frontdoor ${request.params.frontdoorId} not found`);
    }
    return then(caller);
  };
  const find = (id: string) => store.certificates.find((record) => record.id === id);
  const missing = (id: string) => nfError(404, "not_found", `Client certificate ${id} not found`);

  /** Validates `{name, value}`; a CSR is signed. Returns the PEM to store or an error response. */
  const materialize = async (
    body: unknown,
    requireValue: boolean,
  ): Promise<{ name?: string; value?: string; origin?: "upload" | "csr" } | SimResponse> => {
    if (!isJsonObject(body))
      return nfError(400, "invalid_request", "Request body must be a JSON object");
    const { name, value } = body;
    if (
      name !== undefined &&
      (typeof name !== "string" || name.trim() === "" || name.length > NAME_MAX)
    ) {
      return nfError(400, "invalid_request", "Value for name must be of type non-empty string");
    }
    if (value === undefined) {
      return requireValue
        ? nfError(400, "invalid_request", "Value for value must be of type PEM")
        : { name };
    }
    if (typeof value !== "string")
      return nfError(400, "invalid_request", "Value for value must be of type PEM");
    const kind = pemKind(value);
    if (kind === "certificate" && isCertificate(value))
      return { name, value: value.endsWith("\n") ? value : `${value}\n`, origin: "upload" };
    if (kind === "csr") {
      const signed = await signClientCsr(ca(), value, clock);
      if (signed) return { name, value: signed, origin: "csr" };
      return nfError(
        400,
        "invalid_request",
        "Value for value must be of type PKCS#10 certificate request with a valid signature",
      );
    }
    return nfError(
      400,
      "invalid_request",
      "Value for value must be of type PEM certificate or certificate request",
    );
  };

  return [
    route("POST", "/oauth/token", (request) => {
      const body = request.json({});
      const fields = isJsonObject(body) ? body : {};
      if (fields.grant_type !== "client_credentials") {
        return json(400, {
          error: "unsupported_grant_type",
          error_description: "grant_type must be client_credentials",
        });
      }
      if (fields.client_id !== store.clientId || fields.client_secret !== store.clientSecret) {
        return json(401, {
          error: "invalid_client",
          error_description: "Unknown client or wrong secret",
        });
      }
      const minted = store.mint();
      return json(200, {
        access_token: minted.token,
        token_type: "Bearer",
        expires_in: store.tokenLifetimeSeconds,
        scope: typeof fields.scope === "string" ? fields.scope : "frontdoor.read frontdoor.write",
      });
    }),
    route("GET", BASE, (request) =>
      guard(request, () => {
        const page = Number(request.query.get("page") ?? "0");
        const size = Number(request.query.get("size") ?? "20");
        const [field, direction] = (request.query.get("sort") ?? "name,asc").split(",");
        if (
          !Number.isInteger(page) ||
          page < 0 ||
          !Number.isInteger(size) ||
          size < 1 ||
          size > MAX_PAGE_SIZE
        ) {
          return nfError(
            400,
            "invalid_request",
            `Value for page/size must be of type integer (page ≥ 0, 1 ≤ size ≤ ${MAX_PAGE_SIZE})`,
          );
        }
        if (
          !["name", "createdAt", "id"].includes(field) ||
          !["asc", "desc", undefined].includes(direction)
        ) {
          return nfError(
            400,
            "invalid_request",
            "Value for sort must be of type <name|createdAt|id>,<asc|desc>",
          );
        }
        const key = field as "name" | "createdAt" | "id";
        const sorted = [...store.certificates].sort(
          (a, b) => a[key].localeCompare(b[key]) * (direction === "desc" ? -1 : 1),
        );
        const items = sorted.slice(page * size, page * size + size).map(summary);
        const totalPages = Math.ceil(sorted.length / size);
        if ((request.header("accept") ?? "").includes("application/hal+json")) {
          return json(
            200,
            {
              _embedded: { clientCertificates: items },
              page: { size, totalElements: sorted.length, totalPages, number: page },
              _links: { self: { href: `${request.path}?page=${page}&size=${size}` } },
            },
            { "content-type": "application/hal+json" },
          );
        }
        return json(200, {
          content: items,
          pageable: { pageNumber: page, pageSize: size },
          totalElements: sorted.length,
          totalPages,
        });
      }),
    ),
    route("GET", `${BASE}/:id`, (request) =>
      guard(request, () => {
        const record = find(request.params.id);
        return record
          ? json(200, { ...summary(record), value: record.value })
          : missing(request.params.id);
      }),
    ),
    route("POST", BASE, (request) =>
      guard(request, async (caller) => {
        const made = await materialize(request.json(null), true);
        if ("status" in made) return made;
        if (made.name === undefined)
          return nfError(400, "invalid_request", "Value for name must be of type non-empty string");
        const record: ClientCertificateRecord = {
          id: `cert-${randomUUID()}`,
          name: made.name,
          frontdoorId: store.frontdoorId,
          createdAt: clock.now().toISOString(),
          createdBy: caller,
          value: made.value as string,
          origin: made.origin as "upload" | "csr",
        };
        store.certificates.push(record);
        return json(200, summary(record));
      }),
    ),
    route("PATCH", `${BASE}/:id`, (request) =>
      guard(request, async (caller) => {
        const record = find(request.params.id);
        if (!record) return missing(request.params.id);
        const made = await materialize(request.json(null), false);
        if ("status" in made) return made;
        if (made.name !== undefined) record.name = made.name;
        if (made.value !== undefined)
          Object.assign(record, { value: made.value, origin: made.origin });
        Object.assign(record, { updatedAt: clock.now().toISOString(), updatedBy: caller });
        return json(200, summary(record));
      }),
    ),
    route("PUT", `${BASE}/:id`, (request) =>
      guard(request, async (caller) => {
        const record = find(request.params.id);
        if (!record) return missing(request.params.id);
        const made = await materialize(request.json(null), true);
        if ("status" in made) return made;
        if (made.name === undefined)
          return nfError(400, "invalid_request", "Value for name must be of type non-empty string");
        Object.assign(record, {
          name: made.name,
          value: made.value,
          origin: made.origin,
          updatedAt: clock.now().toISOString(),
          updatedBy: caller,
        });
        return json(200, summary(record));
      }),
    ),
    route("DELETE", `${BASE}/:id`, (request) =>
      guard(request, (caller) => {
        const record = find(request.params.id);
        if (!record) return missing(request.params.id);
        store.certificates = store.certificates.filter((candidate) => candidate !== record);
        return json(200, {
          id: record.id,
          name: record.name,
          frontdoorId: record.frontdoorId,
          deletedAt: clock.now().toISOString(),
          deletedBy: caller,
        });
      }),
    ),
  ];
}
