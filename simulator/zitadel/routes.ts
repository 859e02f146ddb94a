// Zitadel's v1 APIs PCA's seed 001 uses: users/me and the PAT endpoints of the management API.
import type { SimulatorClock } from "../core/clock";
import { isJsonObject } from "../core/json";
import type { SimRequest } from "../core/request";
import { json, type SimResponse } from "../core/response";
import { route, type Route } from "../core/router";
import type { ZitadelDirectory, ZitadelUser } from "./directory";
import { GRPC, objectDetails, patJson, userJson, zitadelError } from "./responses";

/** Zitadel's default PAT expiry when the body has none: far future, as Zitadel's own default. */
const DEFAULT_EXPIRATION = "9999-12-31T23:59:59Z";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function bearer(request: SimRequest): string | undefined {
  const header = request.header("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Builds the routes over `directory`. */
export function zitadelRoutes(directory: ZitadelDirectory, clock: SimulatorClock): Route[] {
  const caller = (request: SimRequest): ZitadelUser | SimResponse => {
    const user = directory.authenticate(bearer(request));
    return user ?? zitadelError(GRPC.unauthenticated, "Token is invalid or expired", "AUTH-7fs1e");
  };
  /** The target user in the org `x-zitadel-orgid` names (the caller's own org by default). */
  const target = (request: SimRequest): ZitadelUser | SimResponse => {
    const org = request.header("x-zitadel-orgid");
    const user = directory.users.find((candidate) => candidate.id === request.params.userId);
    if (!user || (org !== undefined && org !== directory.orgId)) {
      return zitadelError(GRPC.notFound, "User could not be found", "COMMAND-4f8sg");
    }
    return user;
  };
  const guard = (request: SimRequest, then: (user: ZitadelUser) => SimResponse): SimResponse => {
    const who = caller(request);
    if (!("userName" in who)) return who;
    const user = target(request);
    if (!("userName" in user)) return user;
    return then(user);
  };

  return [
    route("GET", "/auth/v1/users/me", (request) => {
      const who = caller(request);
      if (!("userName" in who)) return who;
      return json(200, {
        user: userJson(who, directory.orgId),
        lastLogin: clock.now().toISOString(),
      });
    }),
    route("POST", "/management/v1/users/:userId/pats/_search", (request) =>
      guard(request, (user) => {
        const result = directory.pats
          .filter((pat) => pat.userId === user.id)
          .map((pat) => patJson(pat, directory.orgId));
        return json(200, {
          details: {
            totalResult: String(result.length),
            processedSequence: String(directory.sequence),
            viewTimestamp: clock.now().toISOString(),
          },
          result,
        });
      }),
    ),
    route("POST", "/management/v1/users/:userId/pats", (request) =>
      guard(request, (user) => {
        if (user.kind !== "machine") {
          return zitadelError(
            GRPC.failedPrecondition,
            "Personal access tokens are only available for machine users",
            "COMMAND-Sdg21",
          );
        }
        const body = request.json({});
        const given = isJsonObject(body) ? body.expirationDate : undefined;
        const expirationDate = given === undefined ? DEFAULT_EXPIRATION : given;
        if (typeof expirationDate !== "string" || !RFC3339.test(expirationDate)) {
          return zitadelError(
            GRPC.invalidArgument,
            "expirationDate is not a timestamp",
            "PAT-5fb3a",
          );
        }
        if (new Date(expirationDate).getTime() <= clock.now().getTime()) {
          return zitadelError(
            GRPC.invalidArgument,
            "Expiration date must be in the future",
            "PAT-Sdf2g",
          );
        }
        const { pat, secret } = directory.createPat(user, new Date(expirationDate).toISOString());
        return json(200, {
          tokenId: pat.id,
          token: secret,
          details: objectDetails(pat.sequence, pat.createdAt, directory.orgId),
        });
      }),
    ),
    route("GET", "/management/v1/users/:userId/pats/:tokenId", (request) =>
      guard(request, (user) => {
        const pat = directory.pats.find(
          (p) => p.userId === user.id && p.id === request.params.tokenId,
        );
        if (!pat)
          return zitadelError(GRPC.notFound, "Personal Access Token not found", "QUERY-Dgs3r");
        return json(200, { token: patJson(pat, directory.orgId) });
      }),
    ),
    route("DELETE", "/management/v1/users/:userId/pats/:tokenId", (request) =>
      guard(request, (user) => {
        if (!directory.deletePat(user.id, request.params.tokenId)) {
          return zitadelError(GRPC.notFound, "Personal Access Token not found", "COMMAND-4m77G");
        }
        const now = clock.now().toISOString();
        return json(200, { details: objectDetails(directory.sequence, now, directory.orgId) });
      }),
    ),
  ];
}
