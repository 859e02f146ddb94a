/**
 * pulumi-certplane: certificates as code for Pulumi.
 *
 * ```ts
 * import * as certplane from "pulumi-certplane";
 * const csr = new certplane.CertificateRequest("nso-user", { subject: { commonName: "nso-user" } });
 * ```
 */
export { CertificateRequest } from "./csr/certificateRequest";
export type { CertificateRequestArgs, CertificateRequestSubject } from "./csr/certificateRequest";
export { toPkcs12 } from "./pkcs12/toPkcs12";
export type { ToPkcs12Args } from "./pkcs12/toPkcs12";
export * as oraclesbc from "./oraclesbc";
export * as pca from "./pca";
export * as netfoundry from "./netfoundry";
export * as appviewx from "./appviewx";
