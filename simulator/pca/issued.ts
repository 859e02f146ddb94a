// What the PCA simulator remembers of each certificate it signed (no read-back API exists on PCA,
// but the simulator's inventory and the mTLS validate endpoint need it).

/** One signed certificate. */
export interface IssuedClientCertificate {
  serialNumber: string;
  subject: string;
  username: string;
  roles: string[];
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}
