/**
 * Oracle Communications SBC: `CertificateRecord` (device-generated key and CSR) and
 * `CertificateImport` (the signed certificate back into the record).
 */
export { CertificateRecord } from "./certificateRecord";
export type { CertificateRecordArgs } from "./certificateRecord";
export { CertificateImport } from "./certificateImport";
export type { CertificateImportArgs } from "./certificateImport";
export type { ConnectionArgs } from "./connection";
