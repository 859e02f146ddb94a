/**
 * Why a type cannot be imported, and what to do instead: the native plugin answers an import (Read
 * with an id and no state) of these types with this message, never with the engine's generic "provider
 * does not support importing resources; please try updating the plugin" (which no update can fix).
 * docs/import.md has the same table.
 */

/** The refusal of each type whose vendor cannot read an existing object back, by type token. */
export const IMPORT_REFUSALS: Readonly<Record<string, string>> = {
  "certplane:index:CertificateRequest":
    "certplane:index:CertificateRequest cannot be imported: its private key and CSR are made by " +
    "the provider and kept only in Pulumi state, so there is nothing outside a stack to read back. " +
    "Declare it instead: with no privateKeyPem a new key is made; to keep an existing key, pass it " +
    "as privateKeyPem (the CSR is built from it). Either way `pulumi up` calls no vendor.",
  "certplane:pca:SignedCertificate":
    "certplane:pca:SignedCertificate cannot be imported: PCA has no API that reads back or lists " +
    "the certificates it signed (only /distribution/sign-csr), so nothing can be read by serial. " +
    "Declare it with the key's certRequestPem and run `pulumi up`: PCA signs a new certificate (the " +
    "old one stays valid until it expires: PCA has no revoke API).",
  "certplane:appviewx:SshCertificate":
    "certplane:appviewx:SshCertificate cannot be imported: AppViewX CERT+ offers enroll and revoke " +
    "for SSH certificates but no call that reads one back by serial, so its certificate, principals " +
    "and validity cannot be recovered. Declare it and run `pulumi up`: AppViewX issues a new " +
    "certificate for the public key (revoke the old one in AppViewX if it must stop working).",
};
