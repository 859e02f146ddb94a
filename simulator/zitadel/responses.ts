// Zitadel's JSON shapes: gRPC-gateway errors ({code, message, details}) and the v1 objects.
import type { JsonObject } from "../core/json";
import { json, type SimResponse } from "../core/response";
import type { PersonalAccessToken, ZitadelUser } from "./directory";

/** gRPC status codes Zitadel answers with, and the HTTP status grpc-gateway maps each to. */
export const GRPC = {
  invalidArgument: { code: 3, http: 400 },
  notFound: { code: 5, http: 404 },
  permissionDenied: { code: 7, http: 403 },
  failedPrecondition: { code: 9, http: 400 },
  unauthenticated: { code: 16, http: 401 },
} as const;

/**
 * A gRPC-gateway error body. `id` mimics Zitadel's `details[].id` location tags (not a stable
 * taxonomy, as in Zitadel): clients must branch on `code`, never on the message.
 */
export function zitadelError(
  grpc: (typeof GRPC)[keyof typeof GRPC],
  message: string,
  id: string,
): SimResponse {
  return json(grpc.http, {
    code: grpc.code,
    message: `${message} (${id})`,
    details: [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id, message }],
  });
}

/** The `details` object Zitadel attaches to every resource. */
export function objectDetails(sequence: number, created: string, orgId: string): JsonObject {
  return {
    sequence: String(sequence),
    creationDate: created,
    changeDate: created,
    resourceOwner: orgId,
  };
}

/** `GET /auth/v1/users/me`'s `user`. */
export function userJson(user: ZitadelUser, orgId: string): JsonObject {
  const kind: JsonObject =
    user.kind === "machine"
      ? { machine: { name: user.userName, description: "certplane simulator service account" } }
      : { human: { profile: { displayName: user.userName }, email: { email: user.userName } } };
  return {
    id: user.id,
    details: objectDetails(1, user.createdAt, orgId),
    state: "USER_STATE_ACTIVE",
    userName: user.userName,
    loginNames: [user.userName],
    preferredLoginName: user.userName,
    ...kind,
  };
}

/** A PAT as get/search return it (never the secret). */
export function patJson(pat: PersonalAccessToken, orgId: string): JsonObject {
  return {
    id: pat.id,
    details: objectDetails(pat.sequence, pat.createdAt, orgId),
    expirationDate: pat.expirationDate,
    scopes: ["openid", "urn:zitadel:iam:user:metadata", "urn:zitadel:iam:user:resourceowner"],
  };
}
