/**
 * The only code that talks to NetFoundry Frontdoor's client-certificate API (seed 004): list (all
 * pages, Spring or HAL shape), get, create, PATCH, PUT, DELETE. A 401 with minted tokens refreshes the
 * token once; create is never retried after it may have been applied (it is not idempotent).
 *
 * @see https://netfoundry.io/docs/frontdoor/reference/api-guides/client-certificates
 */
import {
  booleanField,
  numberField,
  requireField,
  stringField,
  type ResolvedConnection,
} from "../core/connection";
import {
  AuthenticationError,
  CertplaneError,
  PermissionError,
  type VendorErrorDetails,
} from "../core/errors";
import { HttpClient, type ErrorContext, type HttpRequest, type HttpResponse } from "../core/http";
import { proxySettingsOf } from "../core/proxySettings";
import { AccessTokenSource } from "./accessToken";

/** A client certificate as the list and get calls describe it. */
export interface ClientCertificateInfo {
  id: string;
  name: string;
  frontdoorId?: string;
  createdAt?: string;
  createdBy?: string;
  /** The PEM (get only). */
  value?: string;
}

const PAGE_SIZE = 100;
/** A bound on pages followed, so a misbehaving server cannot loop a refresh forever. */
const MAX_PAGES = 1000;

function netfoundryErrorDetails(ctx: ErrorContext): Partial<VendorErrorDetails> | undefined {
  const body = ctx.json as { error?: unknown; message?: unknown } | undefined;
  if (!body || typeof body !== "object") return undefined;
  return {
    vendorCode: typeof body.error === "string" ? body.error : undefined,
    vendorMessage: typeof body.message === "string" ? body.message : undefined,
  };
}

/** Items and total pages of one list page, whichever shape NetFoundry answered with. */
export function readPage(body: unknown): { items: ClientCertificateInfo[]; totalPages?: number } {
  const page = (body ?? {}) as Record<string, unknown>;
  let items: unknown[] = [];
  if (Array.isArray(page.content)) items = page.content;
  else if (page._embedded && typeof page._embedded === "object") {
    const first = Object.values(page._embedded as Record<string, unknown>).find(Array.isArray);
    if (first) items = first as unknown[];
  }
  const totalPages =
    typeof page.totalPages === "number"
      ? page.totalPages
      : typeof (page.page as { totalPages?: unknown } | undefined)?.totalPages === "number"
        ? (page.page as { totalPages: number }).totalPages
        : undefined;
  return { items: items as ClientCertificateInfo[], totalPages };
}

/** NetFoundry calls for one resolved connection. */
export class NetfoundryClient {
  private readonly tokens: AccessTokenSource;
  private readonly http: HttpClient;

  constructor(private readonly conn: ResolvedConnection) {
    this.tokens = new AccessTokenSource(conn);
    this.http = new HttpClient({
      vendor: "NetFoundry",
      prefix: "netfoundry",
      baseUrl: requireField(conn, "url"),
      caCertPem: stringField(conn, "caCertPem"),
      insecureSkipTlsVerify: booleanField(conn, "insecureSkipTlsVerify"),
      timeoutSeconds: numberField(conn, "timeoutSeconds"),
      proxy: proxySettingsOf(conn),
      mapError: netfoundryErrorDetails,
    });
  }

  /** Every client certificate of the Frontdoor (all pages). */
  async list(frontdoorId: string): Promise<ClientCertificateInfo[]> {
    const all: ClientCertificateInfo[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.send<unknown>(frontdoorId, {
        method: "GET",
        path: this.base(frontdoorId),
        query: { page, size: PAGE_SIZE, sort: "name,asc" },
        headers: { Accept: "application/hal+json, application/json" },
      });
      const { items, totalPages } = readPage(answer.data);
      all.push(...items);
      if (items.length === 0 || (totalPages !== undefined && page + 1 >= totalPages)) return all;
    }
    return all;
  }

  /** One certificate with its value; undefined when it does not exist. */
  async get(frontdoorId: string, id: string): Promise<ClientCertificateInfo | undefined> {
    const answer = await this.send<ClientCertificateInfo>(frontdoorId, {
      method: "GET",
      path: `${this.base(frontdoorId)}/${encodeURIComponent(id)}`,
      acceptStatus: [404],
    });
    return answer.status === 404 ? undefined : answer.data;
  }

  /** Creates (upload a PEM certificate, or have NetFoundry sign a PEM CSR). */
  async create(frontdoorId: string, name: string, value: string): Promise<ClientCertificateInfo> {
    const answer = await this.send<ClientCertificateInfo>(frontdoorId, {
      method: "POST",
      path: this.base(frontdoorId),
      body: { name, value },
      property: "name",
    });
    return answer.data;
  }

  /** Renames (PATCH). */
  async rename(frontdoorId: string, id: string, name: string): Promise<void> {
    await this.send(frontdoorId, {
      method: "PATCH",
      path: `${this.base(frontdoorId)}/${encodeURIComponent(id)}`,
      body: { name },
      // Setting the same name twice changes nothing, so a lost answer is safe to retry.
      idempotent: true,
      property: "name",
    });
  }

  /** Replaces name and value (PUT). */
  async replace(frontdoorId: string, id: string, name: string, value: string): Promise<void> {
    await this.send(frontdoorId, {
      method: "PUT",
      path: `${this.base(frontdoorId)}/${encodeURIComponent(id)}`,
      body: { name, value },
      property: "certificatePem",
    });
  }

  /** Deletes; already gone counts as deleted. */
  async remove(frontdoorId: string, id: string): Promise<void> {
    await this.send(frontdoorId, {
      method: "DELETE",
      path: `${this.base(frontdoorId)}/${encodeURIComponent(id)}`,
      acceptStatus: [404],
    });
  }

  private base(frontdoorId: string): string {
    return `/frontdoor/${encodeURIComponent(frontdoorId)}/client-certificates`;
  }

  /** Sends with the Bearer token; refreshes a minted token once on 401; explains 401/403. */
  private async send<T>(frontdoorId: string, request: HttpRequest): Promise<HttpResponse<T>> {
    const attempt = async () =>
      this.http.request<T>({
        ...request,
        headers: {
          Accept: "application/json",
          ...request.headers,
          Authorization: `Bearer ${await this.tokens.token()}`,
        },
      });
    try {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof AuthenticationError) || !this.tokens.refreshable) throw error;
        this.tokens.invalidate();
        return await attempt();
      }
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw new CertplaneError(
          `${error.message} NetFoundry refused ${this.tokens.describe()}; give a valid token or client credentials.`,
        );
      }
      if (error instanceof PermissionError) {
        throw new CertplaneError(
          `${error.message} NetFoundry answers 403 when Frontdoor ${frontdoorId} does not exist or the credentials do not grant access to it; check frontdoorId and the API account's permissions.`,
        );
      }
      throw error;
    }
  }
}
