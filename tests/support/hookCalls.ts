/**
 * One object made at each vendor through the provider's own hooks (check, then create), with the
 * connection from the environment a simulator hands out — a user's program in miniature, for specs
 * that need "every vendor, once" (the simulator's persistence round-trip, the time format of every
 * output).
 */
import { strict as assert } from "node:assert";
import sshpk from "sshpk";
import type { Simulator } from "../../simulator";
import * as appviewx from "../../provider/appviewx/sshCertificate";
import * as certificateRequest from "../../provider/csr/certificateRequest";
import { makeKeyAndCsr } from "../../provider/csr/certificateRequest";
import * as netfoundry from "../../provider/netfoundry/clientCertificate";
import * as sbcImport from "../../provider/oraclesbc/certificateImport";
import * as sbcRecord from "../../provider/oraclesbc/certificateRecord";
import * as pat from "../../provider/pca/personalAccessToken";
import * as signed from "../../provider/pca/signedCertificate";
import { OpensslCa } from "./testCa";
import { whileEnv } from "./withEnv";

/** The vendors a simulator serves, each called once by {@link createAt}. */
export type VendorCall = "pca" | "zitadel" | "appviewx" | "netfoundry" | "oraclesbc";
export const VENDOR_CALLS: readonly VendorCall[] = [
  "pca",
  "zitadel",
  "appviewx",
  "netfoundry",
  "oraclesbc",
];

interface Hooks {
  check(olds: object, news: object): Promise<{ inputs?: unknown; failures?: unknown[] }>;
  create(news: Record<string, unknown>): Promise<{ id: string; outs: object }>;
}

/** What one create answered, with the resource it was. */
export interface Created {
  resource: string;
  id: string;
  outs: Record<string, unknown>;
}

/** check (which must pass) then create. */
async function checkAndCreate(
  resource: string,
  hooks: Hooks,
  news: Record<string, unknown>,
): Promise<Created> {
  const { inputs, failures } = await hooks.check({}, news);
  assert.deepEqual(failures ?? [], [], `${resource}: check failed`);
  const { id, outs } = await hooks.create(inputs as Record<string, unknown>);
  return { resource, id, outs: outs as Record<string, unknown> };
}

const newCsr = (commonName: string) =>
  makeKeyAndCsr({ algorithm: "ECDSA", ecdsaCurve: "P256", subject: { commonName } });

/**
 * Makes one object at `vendor` (named after `serial`) with `sim.env` as the environment; returns
 * every create's answer (the SBC makes a record and imports a certificate into it).
 */
export async function createAt(
  sim: Simulator,
  vendor: VendorCall,
  serial: number,
): Promise<Created[]> {
  return whileEnv({ ...sim.env }, async () => {
    const name = `gen-${serial}`;
    if (vendor === "pca") {
      const csr = await newCsr(name);
      return [
        await checkAndCreate("pca.SignedCertificate", signed, {
          certRequestPem: csr.certRequestPem,
          privateKeyPem: csr.privateKeyPem,
          requestedUsername: name,
          assignedRoles: ["tenant-admin"],
        }),
      ];
    }
    if (vendor === "zitadel") {
      return [
        await checkAndCreate("pca.PersonalAccessToken", pat, {
          expirationDate: "2099-12-31T23:59:59Z",
        }),
      ];
    }
    if (vendor === "appviewx") {
      return [
        await checkAndCreate("appviewx.SshCertificate", appviewx, {
          publicKey: sshpk.generatePrivateKey("ed25519").toPublic().toString("ssh"),
          certType: "User",
          principals: [name],
          validityValue: 1,
          validityUnit: "days",
          certificateIdentity: name,
          caName: "testVendor.user.ca",
        }),
      ];
    }
    if (vendor === "netfoundry") {
      const csr = await newCsr(name);
      return [
        await checkAndCreate("netfoundry.ClientCertificate", netfoundry, {
          name,
          certRequestPem: csr.certRequestPem,
        }),
      ];
    }
    const record = await checkAndCreate("oraclesbc.CertificateRecord", sbcRecord, {
      name,
      commonName: `${name}.example.com`,
      keySize: 2048,
    });
    const certificatePem = OpensslCa.create(`${name} CA`).sign(
      record.outs.certRequestPem as string,
    );
    return [
      record,
      await checkAndCreate("oraclesbc.CertificateImport", sbcImport, {
        recordName: name,
        certificatePem,
      }),
    ];
  });
}

/** A local key and CSR (no vendor): the seventh type. */
export async function createCertificateRequest(): Promise<Created> {
  return checkAndCreate("CertificateRequest", certificateRequest, {
    algorithm: "ECDSA",
    ecdsaCurve: "P256",
    subject: { commonName: "time-format" },
  });
}
