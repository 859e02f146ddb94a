/** NetFoundry Frontdoor resources (seed 004). */
export { ClientCertificate } from "./clientCertificate";
export type { ClientCertificateArgs } from "./clientCertificate";
export type { NetFoundryConnectionArgs } from "./connection";
