// The Cisco PCA vendor module (seeds 000/001): sign-csr with Bearer/PAT auth, and the mTLS validate
// endpoint that accepts only certificates this PCA signed and that have not expired.
import { CertificateAuthority } from "../core/certificateAuthority";
import { verifyClientCertificate } from "../core/clientCertificate";
import { directoryName } from "../core/distinguishedName";
import { randomSecret } from "../core/ids";
import { isJsonObject, type JsonObject, type JsonValue } from "../core/json";
import type { SimRequest } from "../core/request";
import { json } from "../core/response";
import { route } from "../core/router";
import {
  VendorActionError,
  type VendorContext,
  type VendorInstance,
  type VendorModule,
} from "../core/vendorModule";
import type { ZitadelPeerApi } from "../zitadel";
import type { IssuedClientCertificate } from "./issued";
import { pcaError, signCsr } from "./signCsr";

const ISSUING_CA_SUBJECT = directoryName([
  ["CN", "certplane simulator PCA client CA"],
  ["O", "certplane simulator"],
]);
const ISSUING_CA_YEARS = 10;

interface PcaSnapshot {
  apiToken: string;
  readOnlyToken: string;
  issuingCa: { certificatePem: string; privateKeyPem: string };
  issued: IssuedClientCertificate[];
  includeChain?: boolean;
}

function bearer(request: SimRequest): string | undefined {
  const header = request.header("authorization");
  return header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

async function newIssuingCa(now: Date): Promise<CertificateAuthority> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + ISSUING_CA_YEARS);
  return CertificateAuthority.create({
    subject: ISSUING_CA_SUBJECT,
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter,
  });
}

async function createInstance(context: VendorContext): Promise<VendorInstance> {
  const state = {
    /** A tenant-admin Bearer token: may sign CSRs. */
    apiToken: randomSecret(),
    /** A valid token without the role sign-csr needs: answers 403. */
    readOnlyToken: randomSecret(),
    issuingCa: await newIssuingCa(context.clock.now()),
    issued: [] as IssuedClientCertificate[],
    /**
     * Whether sign-csr answers with the leaf followed by the issuing CA. Off by default: whether
     * PCA includes the chain is not documented (vendor-apis.md 2.2), so the seed's leaf-only answer
     * is the default and the other shape is a switch (`includeChain` action) for tests.
     */
    includeChain: false,
  };

  /** 401/403 for the request's Bearer token, or undefined when it may sign. */
  const refuse = (request: SimRequest) => {
    const token = bearer(request);
    if (token === state.apiToken) return undefined;
    if (token === state.readOnlyToken) {
      return pcaError(
        403,
        "forbidden",
        "the token's user lacks the tenant-admin role sign-csr requires",
      );
    }
    // PATs issued by the simulator's Zitadel are accepted, as seed 000 says ("Bearer or PAT").
    if (token && context.peer<ZitadelPeerApi>("zitadel")?.authenticate(token)) return undefined;
    return pcaError(
      401,
      "unauthorized",
      token ? "the token is invalid or expired" : "no Bearer token",
    );
  };

  const routes = [
    route("POST", "/distribution/sign-csr", async (request) => {
      const refusal = refuse(request);
      if (refusal) return refusal;
      const { response, issued } = await signCsr(
        request,
        state.issuingCa,
        context.clock,
        state.includeChain ? state.issuingCa.certificatePem : undefined,
      );
      if (issued) state.issued.push(issued);
      return response;
    }),
    route("GET", "/api/v1/auth/cert/validate/authorization", (request) => {
      const verdict = verifyClientCertificate(
        request.clientCertificate,
        [state.issuingCa.certificate],
        context.clock.now(),
      );
      if (!verdict.ok) {
        return pcaError(401, "unauthorized", `client certificate refused: ${verdict.reason}`);
      }
      const serial = verdict.certificate.serialNumber.toLowerCase();
      const issued = state.issued.find((candidate) => candidate.serialNumber === serial);
      if (!issued) return pcaError(401, "unauthorized", "client certificate refused: unknown");
      return json(
        200,
        {
          status: "authorized",
          username: issued.username,
          roles: issued.roles,
          serialNumber: serial,
        },
        {
          "x-forwarded-user-id": issued.username,
          "x-forwarded-user-roles": issued.roles.join(","),
        },
      );
    }),
  ];

  return {
    routes,
    requestClientCertificate: true,
    inventory: (): JsonObject => ({
      issuingCaCertPem: state.issuingCa.certificatePem,
      certificates: state.issued.map((issued) => ({ ...issued }) as unknown as JsonObject),
    }),
    snapshot: (): JsonValue =>
      ({
        apiToken: state.apiToken,
        readOnlyToken: state.readOnlyToken,
        issuingCa: state.issuingCa.snapshot(),
        issued: state.issued,
        includeChain: state.includeChain,
      }) as unknown as JsonValue,
    restore: async (snapshot) => {
      const saved = snapshot as unknown as PcaSnapshot;
      state.apiToken = saved.apiToken;
      state.readOnlyToken = saved.readOnlyToken;
      state.issuingCa = await CertificateAuthority.restore(saved.issuingCa);
      state.issued = saved.issued;
      state.includeChain = saved.includeChain ?? false;
    },
    reset: () => {
      state.issued = [];
      state.includeChain = false;
    },
    env: (endpoint) => ({
      CERTPLANE_PCA_URL: endpoint.url,
      CERTPLANE_PCA_TOKEN: state.apiToken,
      CERTPLANE_PCA_CA_CERT_PEM: endpoint.caCertPem,
    }),
    credentials: () => ({ apiToken: state.apiToken, readOnlyToken: state.readOnlyToken }),
    actions: {
      /** `{include: true}`: sign-csr answers leaf + issuing CA (see `state.includeChain`). */
      includeChain: (input) => {
        const include = isJsonObject(input) ? input.include : undefined;
        if (typeof include !== "boolean") {
          throw new VendorActionError(
            `include must be true or false; got ${JSON.stringify(include)}`,
          );
        }
        state.includeChain = include;
        return { includeChain: include };
      },
    },
  };
}

/** Cisco Provider Connectivity Assurance (seeds 000 and 001). */
export const pcaModule: VendorModule = {
  name: "pca",
  title: "Cisco Provider Connectivity Assurance (seeds 000, 001)",
  portOffset: 1,
  create: createInstance,
};
