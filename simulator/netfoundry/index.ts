// The NetFoundry Frontdoor vendor module (seed 004): client certificates of one Frontdoor (upload
// or NetFoundry-signed from a CSR), Bearer auth with a static API token or OAuth client credentials.
import { CertificateAuthority } from "../core/certificateAuthority";
import type { JsonObject, JsonValue } from "../core/json";
import {
  VendorActionError,
  type VendorContext,
  type VendorInstance,
  type VendorModule,
} from "../core/vendorModule";
import { createFrontdoorCa } from "./pki";
import { netfoundryRoutes, nfError } from "./routes";
import { FrontdoorStore, type ClientCertificateRecord } from "./store";

interface NetfoundrySnapshot {
  frontdoorId: string;
  staticToken: string;
  clientId: string;
  clientSecret: string;
  certificates: ClientCertificateRecord[];
  ca: { certificatePem: string; privateKeyPem: string };
}

function field(input: JsonValue, name: string): string {
  const value =
    input && typeof input === "object" && !Array.isArray(input) ? input[name] : undefined;
  if (typeof value !== "string" || value === "") {
    throw new VendorActionError(`${name} must be a non-empty string; got ${JSON.stringify(value)}`);
  }
  return value;
}

async function createInstance(context: VendorContext): Promise<VendorInstance> {
  const store = new FrontdoorStore(context.clock);
  let ca = await createFrontdoorCa(context.clock.now());
  const certificate = (input: JsonValue) => {
    const id = field(input, "id");
    const found = store.certificates.find((record) => record.id === id);
    if (!found) throw new VendorActionError(`no client certificate ${JSON.stringify(id)}`, 404);
    return found;
  };
  return {
    routes: netfoundryRoutes(store, () => ca, context.clock),
    formatError: (status, message) =>
      nfError(status, status === 404 ? "not_found" : "invalid_request", message),
    inventory: (): JsonObject => ({
      frontdoorId: store.frontdoorId,
      issuingCaCertPem: ca.certificatePem,
      certificates: store.certificates.map((record) => ({
        id: record.id,
        name: record.name,
        origin: record.origin,
        createdAt: record.createdAt,
      })),
    }),
    snapshot: (): JsonValue =>
      ({
        frontdoorId: store.frontdoorId,
        staticToken: store.staticToken,
        clientId: store.clientId,
        clientSecret: store.clientSecret,
        certificates: store.certificates,
        ca: ca.snapshot(),
      }) as unknown as JsonValue,
    restore: async (snapshot) => {
      const saved = snapshot as unknown as NetfoundrySnapshot;
      Object.assign(store, {
        frontdoorId: saved.frontdoorId,
        staticToken: saved.staticToken,
        clientId: saved.clientId,
        clientSecret: saved.clientSecret,
        certificates: saved.certificates,
      });
      ca = await CertificateAuthority.restore(saved.ca);
    },
    reset: () => {
      store.certificates = [];
      store.accessTokens = [];
    },
    sessionCredentials: () => store.accessTokens.map((minted) => minted.token),
    env: (endpoint) => ({
      CERTPLANE_NETFOUNDRY_URL: endpoint.url,
      CERTPLANE_NETFOUNDRY_TOKEN: store.staticToken,
      CERTPLANE_NETFOUNDRY_FRONTDOOR_ID: store.frontdoorId,
      CERTPLANE_NETFOUNDRY_CA_CERT_PEM: endpoint.caCertPem,
    }),
    credentials: () => ({
      token: store.staticToken,
      frontdoorId: store.frontdoorId,
      clientId: store.clientId,
      clientSecret: store.clientSecret,
    }),
    actions: {
      /** Renames a certificate behind Pulumi's back (someone in the console). */
      rename: (input) => {
        const record = certificate(input);
        record.name = field(input, "name");
        return { id: record.id, name: record.name };
      },
      /** Deletes a certificate behind Pulumi's back. */
      delete: (input) => {
        const record = certificate(input);
        store.certificates = store.certificates.filter((candidate) => candidate !== record);
        return { deleted: record.id };
      },
      /** Access-token lifetime for OAuth (seconds). */
      configure: (input) => {
        const seconds =
          input && typeof input === "object" && !Array.isArray(input)
            ? input.tokenLifetimeSeconds
            : undefined;
        if (typeof seconds !== "number" || seconds < 1) {
          throw new VendorActionError(
            `tokenLifetimeSeconds must be a positive number; got ${JSON.stringify(seconds)}`,
          );
        }
        store.tokenLifetimeSeconds = seconds;
        return { tokenLifetimeSeconds: seconds };
      },
    },
  };
}

/** NetFoundry Frontdoor client certificates (seed 004). */
export const netfoundryModule: VendorModule = {
  name: "netfoundry",
  title: "NetFoundry Frontdoor (seed 004)",
  portOffset: 4,
  create: createInstance,
};
