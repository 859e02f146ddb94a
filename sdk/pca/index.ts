/** Cisco Provider Connectivity Assurance resources (seeds 000, 001). */
export { SignedCertificate } from "./signedCertificate";
export type { SignedCertificateArgs } from "./signedCertificate";
export type { PcaConnectionArgs } from "./connection";
export { PersonalAccessToken } from "./personalAccessToken";
export type { PersonalAccessTokenArgs } from "./personalAccessToken";
export type { ZitadelConnectionArgs } from "./connection";
