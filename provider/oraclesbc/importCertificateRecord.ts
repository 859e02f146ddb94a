/**
 * Import of `oraclesbc.CertificateRecord` (the native plugin's Read with an id and no state): the id
 * is the record name, as after a create. The device gives back the record's attributes (GET
 * configElements); the inputs are those that differ from the device defaults. The CSR is the one the
 * record's key already has: `generateRequest` without `reGenerate`, under the configuration lock,
 * returns it again (for a record that never had a key, it makes one, as create would).
 */
import { cleanOutputs } from "../core/hooks";
import { declaredInputs, ImportIdError } from "../core/importedInputs";
import { check } from "./certificateRecord";
import {
  declaredFromDevice,
  type CertificateRecordInputs,
  RESOURCE,
} from "./certificateRecordInputs";
import { SbcClient } from "./client";
import { resolveSbcConnection } from "./connection";
import { withConfigurationLock } from "./deviceLock";

/**
 * Reads Oracle SBC certificate-record `recordName` for an import: its id, outputs and declared
 * inputs; `{}` when the device has no such record.
 * @param recordName - the id given to `pulumi import` or the `import` option
 */
export async function importCertificateRecord(recordName: string) {
  if (recordName.includes("/") || recordName.trim() === "") {
    throw new ImportIdError(
      `oraclesbc.CertificateRecord cannot be imported by id "${recordName}": the id is the ` +
        `certificate-record's name on the device, e.g. "sbc-tls".`,
    );
  }
  const client = new SbcClient(resolveSbcConnection(undefined));
  // Read and CSR under the lock: no other call to this device runs between them.
  const found = await withConfigurationLock(client, async () => {
    const device = await client.getRecord(recordName);
    if (!device) return undefined;
    return { device, certRequestPem: await client.generateRequest(recordName, false) };
  });
  if (!found) return {};
  const { device, certRequestPem } = found;
  const { inputs } = await check({}, { ...declaredFromDevice(device), name: recordName });
  const checked = inputs as unknown as CertificateRecordInputs;
  return {
    id: recordName,
    props: cleanOutputs({ ...checked, recordName, certRequestPem }),
    inputs: declaredInputs(RESOURCE, inputs),
  };
}
