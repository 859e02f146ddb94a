/** AppViewX CERT+ resources (seed 002). */
export { SshCertificate } from "./sshCertificate";
export type { SshCertificateArgs, SshCertificateRevocationArgs } from "./sshCertificate";
export type { AppViewXConnectionArgs } from "./connection";
