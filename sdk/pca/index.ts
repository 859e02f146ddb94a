/** Cisco Provider Connectivity Assurance resources (seeds 000, 001). */
export { SignedCertificate } from "./signedCertificate";
export type { SignedCertificateArgs } from "./signedCertificate";
export type { PcaConnectionArgs } from "./connection";
