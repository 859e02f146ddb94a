// The Zitadel vendor module (PCA's identity service on https://<PCA_IP>:3443, seed 001): users/me
// and PAT create/get/search/delete. Its peer API lets the PCA module accept the PATs it issues.
import type { JsonObject, JsonValue } from "../core/json";
import {
  VendorActionError,
  type VendorContext,
  type VendorInstance,
  type VendorModule,
} from "../core/vendorModule";
import { ZitadelDirectory, type PersonalAccessToken, type ZitadelUser } from "./directory";
import { GRPC, zitadelError } from "./responses";
import { zitadelRoutes } from "./routes";

/** What the PCA module asks Zitadel (`context.peer("zitadel")`). */
export interface ZitadelPeerApi {
  /** The user a Bearer token (API token or unexpired PAT) belongs to. */
  authenticate(token: string): { id: string; userName: string } | undefined;
}

interface ZitadelSnapshot {
  orgId: string;
  apiToken: string;
  users: ZitadelUser[];
  pats: PersonalAccessToken[];
  sequence: number;
}

function stringField(input: JsonValue, field: string): string {
  const value =
    input && typeof input === "object" && !Array.isArray(input) ? input[field] : undefined;
  if (typeof value !== "string" || value === "") {
    throw new VendorActionError(
      `${field} must be a non-empty string; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function createInstance(context: VendorContext): VendorInstance {
  const directory = new ZitadelDirectory(context.clock);
  const peerApi: ZitadelPeerApi = { authenticate: (token) => directory.authenticate(token) };
  return {
    routes: zitadelRoutes(directory, context.clock),
    formatError: (status, message) =>
      zitadelError(
        status === 404
          ? GRPC.notFound
          : status === 401
            ? GRPC.unauthenticated
            : GRPC.invalidArgument,
        message,
        "SIMULATOR",
      ),
    inventory: (): JsonObject => ({
      orgId: directory.orgId,
      users: directory.users.map((user) => ({
        id: user.id,
        userName: user.userName,
        kind: user.kind,
      })),
      pats: directory.pats.map((pat) => ({
        id: pat.id,
        userId: pat.userId,
        expirationDate: pat.expirationDate,
        expired: new Date(pat.expirationDate).getTime() <= context.clock.now().getTime(),
      })),
    }),
    snapshot: (): JsonValue =>
      ({
        orgId: directory.orgId,
        apiToken: directory.apiToken,
        users: directory.users,
        pats: directory.pats,
        sequence: directory.sequence,
      }) as unknown as JsonValue,
    restore: (snapshot) => {
      const saved = snapshot as unknown as ZitadelSnapshot;
      Object.assign(directory, saved);
    },
    reset: () => {
      directory.pats = [];
    },
    env: (endpoint) => ({
      CERTPLANE_ZITADEL_URL: endpoint.url,
      CERTPLANE_ZITADEL_TOKEN: directory.apiToken,
      CERTPLANE_ZITADEL_CA_CERT_PEM: endpoint.caCertPem,
    }),
    credentials: () => ({
      apiToken: directory.apiToken,
      orgId: directory.orgId,
      machineUserId: directory.automationUser.id,
      humanUserId: directory.users[1].id,
    }),
    actions: {
      /** Deletes a PAT behind Pulumi's back (an administrator in the console). */
      deletePat: (input) => {
        const tokenId = stringField(input, "tokenId");
        const pat = directory.pats.find((candidate) => candidate.id === tokenId);
        if (!pat) throw new VendorActionError(`no PAT with id ${JSON.stringify(tokenId)}`, 404);
        directory.deletePat(pat.userId, tokenId);
        return { deleted: tokenId };
      },
    },
    peerApi,
  };
}

/** Zitadel (PCA's identity provider, port 3443 in seed 001). */
export const zitadelModule: VendorModule = {
  name: "zitadel",
  title: "Zitadel (Cisco PCA identity, seed 001)",
  portOffset: 2,
  create: createInstance,
};
