// The AppViewX CERT+ vendor module (seed 002 + vendor-apis.md 3.4): mTLS SSH enrollment checked by
// the simulator itself (so every documented error code can be answered), and session-authenticated
// revocation under /avxapi on the same listener (on a real install it is the GWPORT; see the docs).
import { X509Certificate } from "node:crypto";
import { CertificateAuthority } from "../core/certificateAuthority";
import type { JsonObject, JsonValue } from "../core/json";
import { directoryName } from "../core/distinguishedName";
import { route } from "../core/router";
import {
  VendorActionError,
  type VendorContext,
  type VendorInstance,
  type VendorModule,
} from "../core/vendorModule";
import { x509WithNodeCrypto, generateSimulatorKeyPair, privateKeyToPem } from "../core/x509";
import { enroll } from "./enroll";
import { BAD_REQUEST_CODE, envelope } from "./envelope";
import { login, revoke } from "./revoke";
import { seededCas } from "./sshCa";
import { AppViewXState } from "./state";

/** Issues an mTLS client certificate from `ca` valid in [notBefore, notAfter]. */
async function clientCertificate(
  ca: CertificateAuthority,
  commonName: string,
  notBefore: Date,
  notAfter: Date,
) {
  const x509 = x509WithNodeCrypto();
  const keys = await generateSimulatorKeyPair();
  const issued = await ca.issue({
    subject: directoryName([["CN", commonName]]),
    publicKey: keys.publicKey,
    notBefore,
    notAfter,
    extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
  });
  return { certificatePem: issued.pem, privateKeyPem: await privateKeyToPem(keys.privateKey) };
}

async function newCa(commonName: string, now: Date, years: number): Promise<CertificateAuthority> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  return CertificateAuthority.create({
    subject: directoryName([
      ["CN", commonName],
      ["O", "certplane simulator"],
    ]),
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter,
  });
}

async function createInstance(context: VendorContext): Promise<VendorInstance> {
  const now = context.clock.now();
  const state = new AppViewXState(
    await newCa("certplane simulator AppViewX mTLS issuer", now, 10),
    seededCas(now.getTime()),
  );
  let client = await clientCertificate(
    state.clientCa,
    "certplane-automation",
    new Date(now.getTime() - 3_600_000),
    new Date(now.getTime() + 5 * 365 * 86_400_000),
  );

  return {
    routes: [
      route("POST", "/ssh/cert/enroll", (request) => enroll(request, state, context.clock)),
      route("POST", "/avxapi/login", (request) => login(request, state)),
      route("POST", "/avxapi/ssh/cert/revoke", (request) => revoke(request, state)),
    ],
    requestClientCertificate: true,
    formatError: (status, message) => envelope(status, null, message, BAD_REQUEST_CODE),
    inventory: (): JsonObject => ({
      mtlsEnabled: state.mtlsEnabled,
      issuersConfigured: state.issuersConfigured,
      cas: state.cas.map((ca) => ({
        name: ca.name,
        signs: ca.signs,
        status: ca.status,
        validTo: new Date(ca.validToMs).toISOString(),
      })),
      certificates: state.certificates.map((record) => ({
        serialNumber: record.serialNumber,
        caName: record.caName,
        keyFingerprint: record.keyFingerprint,
        keyId: record.keyId,
        principals: record.principals,
        certType: record.certType,
        validTo: new Date(record.validToMs).toISOString(),
        status: record.status,
      })),
    }),
    snapshot: (): JsonValue =>
      ({
        // The state's CA, never the one made at start: after a restore they differ, and the saved
        // client certificate was issued by the restored one (issue 29).
        clientCa: state.clientCa.snapshot(),
        client,
        cas: state.cas,
        certificates: state.certificates,
        username: state.username,
        password: state.password,
      }) as unknown as JsonValue,
    restore: async (snapshot) => {
      const saved = snapshot as unknown as {
        clientCa: { certificatePem: string; privateKeyPem: string };
        client: typeof client;
        cas: AppViewXState["cas"];
        certificates: AppViewXState["certificates"];
        username: string;
        password: string;
      };
      const restoredCa = await CertificateAuthority.restore(saved.clientCa);
      // A version 1 file saved after a restart paired the client certificate with a CA that did not
      // issue it (issue 29); restoring it would refuse the credentials this simulator hands out.
      if (
        !new X509Certificate(saved.client.certificatePem).verify(restoredCa.certificate.publicKey)
      ) {
        throw new Error(
          "the saved AppViewX mTLS client certificate was not issued by the saved client CA (a file an earlier certplane saved after a restart)",
        );
      }
      state.clientCa = restoredCa;
      client = saved.client;
      Object.assign(state, {
        cas: saved.cas,
        certificates: saved.certificates,
        username: saved.username,
        password: saved.password,
      });
    },
    sessionCredentials: () => [...state.sessions],
    reset: () => {
      state.certificates = [];
      state.mtlsEnabled = true;
      state.issuersConfigured = true;
    },
    env: (endpoint) => ({
      CERTPLANE_APPVIEWX_URL: endpoint.url,
      CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM: client.certificatePem,
      CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM: client.privateKeyPem,
      CERTPLANE_APPVIEWX_CA_CERT_PEM: endpoint.caCertPem,
      CERTPLANE_APPVIEWX_REVOCATION_USERNAME: state.username,
      CERTPLANE_APPVIEWX_REVOCATION_PASSWORD: state.password,
    }),
    credentials: () => ({ username: state.username, password: state.password }),
    actions: {
      /** Server switches: `{mtlsEnabled?, issuersConfigured?}` (ERR-SSH-NB-464 / -462). */
      configure: (input) => {
        const fields = input && typeof input === "object" && !Array.isArray(input) ? input : {};
        for (const name of ["mtlsEnabled", "issuersConfigured"] as const) {
          const value = fields[name];
          if (value === undefined) continue;
          if (typeof value !== "boolean")
            throw new VendorActionError(
              `${name} must be true or false; got ${JSON.stringify(value)}`,
            );
          state[name] = value;
        }
        return { mtlsEnabled: state.mtlsEnabled, issuersConfigured: state.issuersConfigured };
      },
      /** `{serialNumber}`: an operator revokes a certificate in the AppViewX console. */
      revoke: (input) => {
        const serial =
          input && typeof input === "object" && !Array.isArray(input)
            ? input.serialNumber
            : undefined;
        const record = state.certificates.find((candidate) => candidate.serialNumber === serial);
        if (!record)
          throw new VendorActionError(
            `no certificate with serialNumber ${JSON.stringify(serial)}`,
            404,
          );
        record.status = "Revoked";
        return { serialNumber: record.serialNumber, status: record.status };
      },
      /** A client certificate for tests: `{kind: "untrusted" | "expired"}`. */
      clientCertificate: async (input) => {
        const kind =
          input && typeof input === "object" && !Array.isArray(input) ? input.kind : undefined;
        const at = context.clock.now().getTime();
        if (kind === "untrusted") {
          const foreign = await newCa("not an AppViewX issuer", new Date(at), 1);
          return clientCertificate(
            foreign,
            "intruder",
            new Date(at - 3_600_000),
            new Date(at + 86_400_000),
          );
        }
        if (kind === "expired") {
          return clientCertificate(
            state.clientCa,
            "expired-client",
            new Date(at - 2 * 86_400_000),
            new Date(at - 86_400_000),
          );
        }
        throw new VendorActionError(
          `kind must be "untrusted" or "expired"; got ${JSON.stringify(kind)}`,
        );
      },
    },
  };
}

/** AppViewX CERT+ SSH certificates over mTLS (seed 002). */
export const appviewxModule: VendorModule = {
  name: "appviewx",
  title: "AppViewX CERT+ SSH certificates (seed 002)",
  portOffset: 3,
  create: createInstance,
};
