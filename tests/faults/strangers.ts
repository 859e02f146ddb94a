/** A CA and a client certificate the simulator does not trust (from a test CA of their own). */
import { TestCa } from "../helpers/testPki";
import type { Strangers } from "./arrangements";

/** Makes the foreign CA and a client certificate it issued. */
export async function makeStrangers(): Promise<Strangers> {
  const ca = await TestCa.create("certplane stranger CA");
  const client = await ca.issue("certplane stranger client");
  return {
    caCertPem: ca.certPem,
    clientCertificatePem: client.certPem,
    clientPrivateKeyPem: client.keyPem,
  };
}
