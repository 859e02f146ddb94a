/**
 * The schema tokens the native bench program registers, shared with the benches that count the
 * engine's steps per type (bench/fleetSteps.ts), so the two cannot name different types.
 */

/** The key and CSR (`certplane:index:CertificateRequest`). */
export const KEY_TOKEN = "certplane:index:CertificateRequest";
/** The Cisco PCA certificate signed from the CSR (`certplane:pca:SignedCertificate`). */
export const CERTIFICATE_TOKEN = "certplane:pca:SignedCertificate";
