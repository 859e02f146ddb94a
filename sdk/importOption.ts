/**
 * The `import` resource option, refused where it cannot work. A dynamic resource cannot be imported:
 * the engine's Read for an import carries no state, so no serialized provider (`__provider`), and
 * Pulumi's dynamic-provider host fails inside `requireFromString(undefined)` with "code must be a
 * string, not undefined" and a stack trace. Each certplane class checks the option first and stops
 * the program with what to use instead (docs/import.md).
 */
import * as pulumi from "@pulumi/pulumi";

/** What to use instead of `import`, by dynamic type (see docs/import.md). */
const INSTEAD: Readonly<Record<string, string>> = {
  CertificateRequest:
    "to keep an existing key, pass it as privateKeyPem (the CSR is built from it); nothing else " +
    "exists outside Pulumi state to import",
  PcaSignedCertificate:
    "declare it without `import` and PCA signs a new certificate (PCA cannot read a signed " +
    "certificate back, so no door can import one)",
  PcaPersonalAccessToken:
    "declare it without `import` (a new PAT), or import the existing one through the native plugin " +
    "(`pulumi import certplane:pca:PersonalAccessToken <name> [<userId>/]<tokenId>`), which cannot " +
    "read its token back",
  AppViewXSshCertificate:
    "declare it without `import` and AppViewX issues a new certificate (AppViewX cannot read an SSH " +
    "certificate back, so no door can import one)",
  NetFoundryClientCertificate:
    "set `adoptExisting: true` to take over the Frontdoor's certificate of this name, or import it " +
    "through the native plugin (`pulumi import certplane:netfoundry:ClientCertificate <name> " +
    "<frontdoorId>/<certificateId>`)",
  OracleSbcCertificateRecord:
    "set `adoptExisting: true` to take over the device's certificate-record of this name, or " +
    "import it through the native plugin (`pulumi import certplane:oraclesbc:CertificateRecord " +
    "<name> <recordName>`)",
  OracleSbcCertificateImport:
    "declare it without `import`: create imports the certificate into the record with overwrite, " +
    "taking over what the record holds, or import it through the native plugin (`pulumi import " +
    "certplane:oraclesbc:CertificateImport <name> <recordName>`)",
};

/** The message for an `import` option on a certplane class of dynamic type `dynamicType`. */
export function importOptionMessage(dynamicType: string, name: string): string {
  return (
    `${dynamicType} "${name}": the \`import\` resource option does not work for certplane's ` +
    `TypeScript classes. They are Pulumi dynamic resources, and Pulumi cannot import a dynamic ` +
    `resource (its dynamic-provider host would fail with "code must be a string, not undefined"). ` +
    `Instead, ${INSTEAD[dynamicType] ?? "see docs/import.md"}. See docs/import.md.`
  );
}

/**
 * `opts`, unless it asks to `import`: then the program stops with {@link importOptionMessage}.
 * @param opts - the options given to the class
 * @param dynamicType - the class's dynamic type (`OracleSbcCertificateRecord`, …)
 * @param name - the resource's name, for the message
 */
export function refuseImport(
  opts: pulumi.CustomResourceOptions | undefined,
  dynamicType: string,
  name: string,
): pulumi.CustomResourceOptions | undefined {
  if (opts?.import === undefined) return opts;
  throw new pulumi.RunError(importOptionMessage(dynamicType, name));
}
