/**
 * The only code that talks to Zitadel (seed 001, vendor-apis.md 2.6): who am I, and personal access
 * tokens under `/management/v1/users/{userId}/pats`. Errors are told apart by gRPC code only.
 *
 * @see https://zitadel.com/docs/reference/api/management/zitadel.management.v1.ManagementService.AddPersonalAccessToken
 */
import { sourceOf, type ResolvedConnection } from "../core/connection";
import { AuthenticationError, CertplaneError, VendorApiError } from "../core/errors";
import type { HttpClient } from "../core/http";
import { registerSecret } from "../core/redact";
import { zitadelHttpClient } from "./zitadelConnection";

/** A PAT as Zitadel describes it (without the secret). */
export interface PatInfo {
  tokenId: string;
  expirationDate: string;
}

const PAT_LIST_LIMIT = 1000;

/** Zitadel calls for one resolved connection and optional organization. */
export class ZitadelClient {
  private readonly http: HttpClient;

  constructor(
    private readonly conn: ResolvedConnection,
    organizationId?: string,
  ) {
    this.http = zitadelHttpClient(conn, organizationId);
  }

  /** `GET /auth/v1/users/me`: the caller's user id. */
  async myUserId(): Promise<string> {
    const answer = await this.call(() =>
      this.http.request<{ user?: { id?: string } }>({ method: "GET", path: "/auth/v1/users/me" }),
    );
    const id = answer.data.user?.id;
    if (!id) throw new CertplaneError("Zitadel's users/me answer has no user.id.");
    return id;
  }

  /** `POST …/pats`: creates a PAT; never retried after it may have been applied (not idempotent). */
  async createPat(userId: string, expirationDate: string): Promise<PatInfo & { token: string }> {
    const answer = await this.call(
      () =>
        this.http.request<{ tokenId?: string; token?: string }>({
          method: "POST",
          path: `/management/v1/users/${encodeURIComponent(userId)}/pats`,
          body: { expirationDate },
          property: "userId",
        }),
      userId,
    );
    const { tokenId, token } = answer.data;
    if (!tokenId || !token)
      throw new CertplaneError("Zitadel's create-PAT answer has no tokenId or token.");
    registerSecret(token);
    return { tokenId, token, expirationDate };
  }

  /** `POST …/pats/_search`: the user's PATs (ids and expiry; a token's secret is shown only once). */
  async listPats(userId: string): Promise<PatInfo[]> {
    const answer = await this.call(() =>
      this.http.request<{ result?: { id?: string; expirationDate?: string }[] }>({
        method: "POST",
        path: `/management/v1/users/${encodeURIComponent(userId)}/pats/_search`,
        // A bounded page: a machine user holds a handful of PATs, not thousands.
        body: { query: { offset: "0", limit: PAT_LIST_LIMIT, asc: true } },
        idempotent: true,
      }),
    );
    return (answer.data.result ?? [])
      .filter((pat) => typeof pat.id === "string")
      .map((pat) => ({ tokenId: pat.id as string, expirationDate: pat.expirationDate ?? "" }));
  }

  /** `GET …/pats/{tokenId}`; undefined when Zitadel says not found (deleted out of band). */
  async getPat(userId: string, tokenId: string): Promise<PatInfo | undefined> {
    const answer = await this.call(() =>
      this.http.request<{ token?: { id?: string; expirationDate?: string } }>({
        method: "GET",
        path: `/management/v1/users/${encodeURIComponent(userId)}/pats/${encodeURIComponent(tokenId)}`,
        acceptStatus: [404],
      }),
    );
    if (answer.status === 404 || !answer.data.token?.id) return undefined;
    return {
      tokenId: answer.data.token.id,
      expirationDate: answer.data.token.expirationDate ?? "",
    };
  }

  /** `DELETE …/pats/{tokenId}`; a PAT already gone counts as deleted. */
  async deletePat(userId: string, tokenId: string): Promise<void> {
    await this.call(() =>
      this.http.request({
        method: "DELETE",
        path: `/management/v1/users/${encodeURIComponent(userId)}/pats/${encodeURIComponent(tokenId)}`,
        acceptStatus: [404],
      }),
    );
  }

  /** Rewrites errors whose cause the user can fix: the token's source, a human user. */
  private async call<T>(request: () => Promise<T>, userId?: string): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw new CertplaneError(
          `${error.message} The Zitadel token was taken from ${sourceOf(this.conn, "token")}; give a valid Bearer token of a user allowed to manage PATs there.`,
        );
      }
      if (error instanceof VendorApiError && error.vendorCode === "failed_precondition" && userId) {
        throw new CertplaneError(
          `Zitadel refused a personal access token for user ${userId}: PATs can only be created for machine users (service accounts). ` +
            "Create a machine user in Zitadel (Users → Service Users) and set userId to it, or authenticate as one.",
        );
      }
      throw error;
    }
  }
}
