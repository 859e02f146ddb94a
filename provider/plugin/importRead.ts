/**
 * The native plugin's Read with an id and no state: an import (`pulumi import`, or the `import`
 * resource option). The engine then needs `inputs` as well as outputs (without them it fails with
 * "provider does not support importing resources"), and the inputs must be what the program declares,
 * so the next preview has no change. Each importable type has an importer beside its hooks, which
 * reads the vendor object by the import id and returns id, outputs and declared inputs; the others
 * are refused with why and what to do instead (./importRefusals.ts). docs/import.md is the user's view.
 */
import { CertplaneError } from "../core/errors";
import { IMPORT_REFUSALS } from "./importRefusals";

/** What an importer returns: `{}` when the object does not exist (the engine says so). */
export interface ImportedResource {
  id?: string;
  props?: object;
  inputs?: object;
}

type Importer = (importId: string) => Promise<ImportedResource>;

/**
 * The importer of each importable type, loaded on first use (literal paths, so a bundler sees every
 * module it may load).
 */
const IMPORTERS: Readonly<Record<string, () => Importer>> = {
  "certplane:netfoundry:ClientCertificate": () =>
    (
      require("../netfoundry/importClientCertificate.js") as typeof import("../netfoundry/importClientCertificate")
    ).importClientCertificate,
  "certplane:oraclesbc:CertificateRecord": () =>
    (
      require("../oraclesbc/importCertificateRecord.js") as typeof import("../oraclesbc/importCertificateRecord")
    ).importCertificateRecord,
  "certplane:oraclesbc:CertificateImport": () =>
    (
      require("../oraclesbc/importCertificateImport.js") as typeof import("../oraclesbc/importCertificateImport")
    ).importCertificateImport,
  "certplane:pca:PersonalAccessToken": () =>
    (
      require("../pca/importPersonalAccessToken.js") as typeof import("../pca/importPersonalAccessToken")
    ).importPersonalAccessToken,
};

/** An import of a type that cannot be imported; the message says why and what to do instead. */
export class ImportRefusedError extends CertplaneError {}

/** Whether a Read's properties hold no state (an import): nothing but, at most, `__provider`. */
export function isStateless(props: Record<string, unknown>): boolean {
  return Object.keys(props).every((key) => key === "__provider");
}

/**
 * Reads resource `token` by import id `importId` (its hooks module already configured).
 * @param token - the type token
 * @param importId - the id given to `pulumi import` or the `import` option
 */
export async function readForImport(token: string, importId: string): Promise<ImportedResource> {
  const importer = IMPORTERS[token];
  if (!importer) {
    throw new ImportRefusedError(
      IMPORT_REFUSALS[token] ?? `${token} cannot be imported: certplane has no importer for it.`,
    );
  }
  const imported = await importer()(importId);
  if (imported.id && !imported.inputs)
    throw new CertplaneError(`${token}: the import of "${importId}" read no inputs (a bug).`);
  return imported;
}
