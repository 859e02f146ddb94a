// The TLS server certificate every listener presents: issued by the simulator root CA at each start
// (cheap, so it is never persisted) for the loopback names plus the host the user asked to bind.
import { isIP } from "node:net";
import { CertificateAuthority } from "./certificateAuthority";
import { directoryName } from "./distinguishedName";
import { generateSimulatorKeyPair, privateKeyToPem, x509WithNodeCrypto } from "./x509";

/** A TLS server identity: certificate and key PEMs as `tls.createServer` takes them. */
export interface ServerIdentity {
  /** Server certificate (PEM). */
  certificatePem: string;
  /** Server private key (PKCS#8 PEM). */
  privateKeyPem: string;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", ""]);

/**
 * Issues a server certificate valid for localhost, 127.0.0.1, ::1 and `extraHost` (unless it is a
 * wildcard bind address).
 * @param authority - the simulator root CA
 * @param extraHost - the `--host` the listeners bind to
 * @param now - real time (TLS clients check server certificates against their own clock)
 */
export async function issueServerIdentity(
  authority: CertificateAuthority,
  extraHost: string,
  now: Date,
): Promise<ServerIdentity> {
  const x509 = x509WithNodeCrypto();
  const names = new Set(LOOPBACK_NAMES);
  if (!WILDCARD_HOSTS.has(extraHost)) names.add(extraHost);
  const alternativeNames = [...names].map((name) =>
    isIP(name) ? { type: "ip" as const, value: name } : { type: "dns" as const, value: name },
  );
  const keys = await generateSimulatorKeyPair();
  const issued = await authority.issue({
    subject: directoryName([
      ["CN", "localhost"],
      ["O", "certplane simulator"],
    ]),
    publicKey: keys.publicKey,
    notBefore: new Date(now.getTime() - 60 * 60 * 1000),
    notAfter: new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(alternativeNames),
    ],
  });
  return { certificatePem: issued.pem, privateKeyPem: await privateKeyToPem(keys.privateKey) };
}
