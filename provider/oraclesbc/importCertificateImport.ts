/**
 * Import of `oraclesbc.CertificateImport` (the native plugin's Read with an id and no state): the id
 * is the certificate-record's name, as after a create. The device gives back the certificate it holds
 * in that record (GET certificates?format=pem), which becomes `certificatePem`; a chain imported with
 * it is not given back, so `chainPem` is not imported (docs/import.md).
 */
import { declaredInputs, ImportIdError } from "../core/importedInputs";
import { check, read } from "./certificateImport";
import { RESOURCE } from "./certificateImportInputs";
import { SbcClient } from "./client";
import { resolveSbcConnection } from "./connection";
import { serialized } from "./deviceLock";

/**
 * Reads the certificate in Oracle SBC certificate-record `recordName` for an import: its id,
 * outputs and declared inputs; `{}` when the record or its certificate does not exist.
 * @param recordName - the id given to `pulumi import` or the `import` option
 */
export async function importCertificateImport(recordName: string) {
  if (recordName.includes("/") || recordName.trim() === "") {
    throw new ImportIdError(
      `oraclesbc.CertificateImport cannot be imported by id "${recordName}": the id is the name ` +
        `of the certificate-record holding the certificate, e.g. "sbc-tls".`,
    );
  }
  const client = new SbcClient(resolveSbcConnection(undefined));
  // One device's calls one at a time in this process (as under the lock): a record imported beside
  // this one must not see its token renewed under it.
  return serialized(client.deviceKey, async () => {
    const certificatePem = await client.getCertificatePem(recordName);
    if (!certificatePem) return {};
    const { inputs } = await check({}, { recordName, certificatePem });
    const found = await read(recordName, inputs);
    if (!found.id) return {};
    return { id: recordName, props: found.props, inputs: declaredInputs(RESOURCE, inputs) };
  });
}
