/**
 * Hooks of `oraclesbc.CertificateImport`: puts a CA-signed certificate into an existing
 * certificate-record (whose key was generated on the device) and activates it.
 * - check: recordName and PEM certificates only, valid now by the provider clock
 *   (./certificateImportInputs); never calls the device;
 * - diff: recordName replaces; a certificate with another fingerprint (or a changed chain) updates;
 * - create: refuses an expired or not-yet-valid certificate (unknown at preview) before any call →
 *   lock → PUT certificates/import (an existing certificate is overwritten) →
 *   save/verify/activate (saveAndActivate) → GET certificates?format=pem → unlock;
 * - read: GET certificates?format=pem; the device's certificate is the output (drift = another
 *   fingerprint, expiry = its notAfter; an expired one is warned about, not dropped); none
 *   imported or no record → no id;
 * - update: as create, with `<overwrite>true</overwrite>` (renewal);
 * - delete: forgets. The device has no "remove certificate" call short of deleting the record, which
 *   belongs to `oraclesbc.CertificateRecord`.
 */
import { assertValidNow } from "../core/certificateValidity";
import { now } from "../core/clock";
import { CertplaneError, type VendorApiError } from "../core/errors";
import { log } from "../core/log";
import { cleanOutputs, sameValue, withoutProvider } from "../core/hooks";
import { checkHook } from "../core/checkHook";
import { parseCertificate } from "../core/x509";
import { diffResult, inputChanges } from "../core/fieldDiff";
import { SbcClient } from "./client";
import { resolveSbcConnection } from "./connection";
import { withConfigurationLock } from "./deviceLock";
import {
  checkCertificateImport,
  type CertificateImportInputs,
  RESOURCE,
  VALIDITY_REMEDIES,
} from "./certificateImportInputs";
import { formatInstant } from "../core/instant";

export { configure } from "../core/hooks";

/** Outputs: the inputs echoed, with `certificatePem` as read back from the device. */
export interface CertificateImportOutputs extends CertificateImportInputs {
  /** SHA-256 fingerprint of the certificate on the device, `AB:CD:…`. */
  fingerprintSha256: string;
  /** RFC 3339 expiry of the certificate on the device. */
  notAfter: string;
  schemaVersion: number;
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkCertificateImport, RESOURCE);

function fingerprintOf(pem: string): string | undefined {
  try {
    return parseCertificate(pem).fingerprintSha256;
  } catch {
    return undefined;
  }
}

/** Pulumi `diff`. */
export async function diff(
  _id: string,
  olds: CertificateImportOutputs,
  news: CertificateImportInputs,
) {
  // The certificate is compared with what the device holds (its fingerprint), not by its text.
  const changes = inputChanges(RESOURCE, olds, news, {
    same: { certificatePem: (next) => fingerprintOf(next as string) === olds.fingerprintSha256 },
  });
  return diffResult(changes);
}

async function importAndReadBack(
  inputs: CertificateImportInputs,
  overwrite: boolean,
): Promise<CertificateImportOutputs> {
  // Before the connection, the lock or any call: a PEM unknown at preview is judged only now.
  assertValidNow(
    { certificatePem: inputs.certificatePem, chainPem: inputs.chainPem },
    VALIDITY_REMEDIES,
  );
  const client = new SbcClient(resolveSbcConnection(inputs.connection));
  const pem = inputs.certificatePem + (inputs.chainPem ?? "");
  let onDevice: string | undefined;
  await withConfigurationLock(client, async () => {
    try {
      await client.importCertificate(inputs.recordName, pem, overwrite);
    } catch (err) {
      const e = err as VendorApiError;
      if (e.status === 409 && !overwrite) {
        await client.importCertificate(inputs.recordName, pem, true);
      } else if (e.status === 400 && /private key/i.test(e.vendorMessage ?? "")) {
        throw new CertplaneError(
          `certificatePem was not issued for the key of Oracle SBC certificate-record ` +
            `"${inputs.recordName}" (the device answered 400 "${e.vendorMessage}"). The key lives on ` +
            `the device: sign that record's certRequestPem and import the certificate the CA returns.`,
        );
      } else if (e.status === 404) {
        throw new CertplaneError(
          `Oracle SBC certificate-record "${inputs.recordName}" does not exist on ` +
            `${client.connection.url} (import answered 404 "${e.vendorMessage ?? ""}"). Create it ` +
            `with oraclesbc.CertificateRecord and pass its recordName output.`,
        );
      } else throw err;
    }
    if (inputs.saveAndActivate) await client.saveVerifyActivate();
    onDevice = await client.getCertificatePem(inputs.recordName);
  });
  if (!onDevice) {
    throw new CertplaneError(
      `Oracle SBC accepted the import into "${inputs.recordName}" but GET certificates returns no ` +
        `certificate for it. Check the record on the device and re-run.`,
    );
  }
  return outputsFor(inputs, onDevice);
}

function outputsFor(inputs: CertificateImportInputs, devicePem: string): CertificateImportOutputs {
  const info = parseCertificate(devicePem);
  return cleanOutputs({
    ...inputs,
    certificatePem: info.pem.trim() + "\n",
    fingerprintSha256: info.fingerprintSha256,
    notAfter: formatInstant(info.notAfter),
  });
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as CertificateImportInputs;
  return { id: inputs.recordName, outs: await importAndReadBack(inputs, false) };
}

/**
 * Refresh reports what the device holds, expired or not (its notAfter is the output): failing would
 * hide the state the user needs to see. The warning says what to do; the next preview then either
 * replaces the signer upstream (its renewal window) or fails at check on the same expired PEM.
 */
function warnIfExpired(recordName: string, notAfter: string): void {
  const at = now();
  if (Date.parse(notAfter) >= at.getTime()) return;
  log.warn(
    `the certificate in Oracle SBC certificate-record "${recordName}" expired at ${notAfter} ` +
      `(now is ${formatInstant(at)}, the provider clock). Give CertificateImport a certificate ` +
      `valid now (renew the signer upstream) and run \`pulumi up\`.`,
  );
}

/** Pulumi `read`: the certificate on the device. */
export async function read(id: string, props: Record<string, unknown>) {
  const state = withoutProvider(props) as unknown as CertificateImportOutputs;
  const client = new SbcClient(resolveSbcConnection(state.connection));
  const pem = await client.getCertificatePem(id);
  if (!pem) return { id: "", props: {} };
  const outputs = outputsFor(state, pem);
  warnIfExpired(id, outputs.notAfter);
  return { id, props: outputs };
}

/** Pulumi `update`: import with overwrite (renewal) when the certificate or chain changed. */
export async function update(
  _id: string,
  olds: CertificateImportOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as CertificateImportInputs;
  const same =
    fingerprintOf(inputs.certificatePem) === olds.fingerprintSha256 &&
    sameValue(inputs.chainPem, olds.chainPem);
  if (same)
    return { outs: cleanOutputs({ ...olds, ...inputs, certificatePem: olds.certificatePem }) };
  return { outs: await importAndReadBack(inputs, true) };
}

/** Pulumi `delete`: forgets (the certificate stays in its record until the record is deleted). */
export async function remove(): Promise<void> {
  return;
}
export { remove as delete };
