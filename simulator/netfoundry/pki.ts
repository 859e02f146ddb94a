// NetFoundry's signing of client-certificate CSRs (seed 004, "Generated Certificate Details"):
// issuer C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry; EKU serverAuth; KU digitalSignature,
// keyCertSign and cRLSign only; 365 days (vendor-apis.md 4.3).
import { CertificateAuthority } from "../core/certificateAuthority";
import type { SimulatorClock } from "../core/clock";
import { directoryName } from "../core/distinguishedName";
import { x509WithNodeCrypto } from "../core/x509";

/** The issuer seed 004 states, `C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry`, in this order. */
const NETFOUNDRY_ISSUER = directoryName([
  ["C", "US"],
  ["ST", "NC"],
  ["L", "Charlotte"],
  ["O", "NetFoundry"],
  ["CN", "NetFoundry"],
]);
export const ISSUED_VALIDITY_DAYS = 365;

/** Creates the Frontdoor's signing CA. */
export async function createFrontdoorCa(now: Date): Promise<CertificateAuthority> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  return CertificateAuthority.create({
    subject: NETFOUNDRY_ISSUER,
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter,
  });
}

/** Signs a verified CSR; undefined when the body is not a CSR whose signature verifies. */
export async function signClientCsr(
  ca: CertificateAuthority,
  csrPem: string,
  clock: SimulatorClock,
): Promise<string | undefined> {
  const x509 = x509WithNodeCrypto();
  let csr: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch {
    return undefined;
  }
  if (!(await csr.verify())) return undefined;
  const now = clock.now();
  const issued = await ca.issue({
    // The CSR's subject as encoded (types and bytes), not its text form parsed back.
    subject: csr.subjectName,
    publicKey: csr.publicKey,
    notBefore: now,
    notAfter: new Date(now.getTime() + ISSUED_VALIDITY_DAYS * 86_400_000),
    extensions: [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
  });
  return issued.pem.endsWith("\n") ? issued.pem : `${issued.pem}\n`;
}
