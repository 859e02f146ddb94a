/**
 * Hooks of `netfoundry.ClientCertificate` (seed 004): a Frontdoor client certificate, uploaded
 * (`certificatePem`) or signed by NetFoundry from a CSR (`certRequestPem`). Either way the output
 * `certificatePem` is the certificate: the upload echoed, or the one NetFoundry issued.
 * - create: an upload that is expired or not yet valid (unknown at preview) is refused before any
 *   call; POST (or, with `adoptExisting`, take a certificate of the same name), then read the
 *   certificate back; a failure after the POST is a partial create (the certificate exists);
 * - diff: name → update (PATCH); uploaded PEM → update (PUT); CSR, frontdoorId, mode, or (signed
 *   certificates) the renewal window → replace, create before delete; state written by 0.1.0
 *   (the certificate in `value`) → update (a read back, nothing written);
 * - read: GET; gone → no id; a rename or new value made in the console shows as drift;
 * - delete: DELETE; already gone counts as deleted.
 */
import { assertValidNow } from "../core/certificateValidity";
import { PartialCreateError, safeMessage } from "../core/errors";
import { checkHook } from "../core/checkHook";
import { diffResult, inputChanged, inputChanges, renewalDue } from "../core/fieldDiff";
import { cleanOutputs, SCHEMA_VERSION, withoutProvider } from "../core/hooks";
import { resourceSchema } from "../core/packageSchema";
import { isRenewalDue } from "../core/renewal";
import { parseCertificate } from "../core/x509";
import { NetfoundryClient, type ClientCertificateInfo } from "./client";
import { createOnce } from "./createOnce";
import {
  checkClientCertificate,
  type ClientCertificateInputs,
  RESOURCE,
  VALIDITY_REMEDIES,
} from "./clientCertificateInputs";
import { resolveNetfoundryConnection } from "./connection";
import { formatInstant, formatVendorInstant, keepStoredInstants } from "../core/instant";

export { configure } from "../core/hooks";

/** Outputs. */
export interface ClientCertificateOutputs extends ClientCertificateInputs {
  /** NetFoundry's id of the certificate (also the resource id). */
  certificateId: string;
  /**
   * The certificate NetFoundry holds, PEM: in upload mode the uploaded `certificatePem` echoed, in
   * CSR mode the certificate NetFoundry issued (absent from state written by 0.1.0, which put it in
   * `value` only).
   */
  certificatePem?: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notAfter: string;
  fingerprintSha256: string;
  createdAt?: string;
  createdBy?: string;
  /** True for a NetFoundry-signed certificate inside its renewal window. */
  readyForRenewal: boolean;
  schemaVersion: number;
}

/** The input fields, as `check` returns them; everything else in state is computed. */
const INPUT_FIELDS = Object.keys(resourceSchema(RESOURCE).inputProperties);

/** True in upload mode: no CSR, so `certificatePem` is an input (in CSR mode only an output). */
function isUpload(props: { certRequestPem?: string }): boolean {
  return props.certRequestPem === undefined;
}

/** The inputs a state's outputs were made from (CSR mode: without the issued certificate). */
function inputsOf(olds: ClientCertificateOutputs): ClientCertificateInputs {
  const inputs: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) {
    const value = (olds as unknown as Record<string, unknown>)[field];
    if (value !== undefined) inputs[field] = value;
  }
  if (!isUpload(olds)) delete inputs.certificatePem;
  return inputs as unknown as ClientCertificateInputs;
}

function client(inputs: ClientCertificateInputs): NetfoundryClient {
  return new NetfoundryClient(resolveNetfoundryConnection(inputs.connection));
}

function outputsOf(
  inputs: ClientCertificateInputs,
  info: ClientCertificateInfo,
): ClientCertificateOutputs {
  const certificate = parseCertificate(info.value ?? "");
  return cleanOutputs({
    ...inputs,
    name: info.name,
    certificateId: info.id,
    certificatePem: inputs.certificatePem ?? certificate.pem,
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialNumber,
    notAfter: formatInstant(certificate.notAfter),
    fingerprintSha256: certificate.fingerprintSha256,
    createdAt: formatVendorInstant(info.createdAt),
    createdBy: info.createdBy,
    readyForRenewal:
      inputs.certRequestPem !== undefined &&
      isRenewalDue(certificate.notAfter, inputs.earlyRenewalHours),
    schemaVersion: SCHEMA_VERSION,
  }) as ClientCertificateOutputs;
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkClientCertificate, RESOURCE);

/** Pulumi `diff`. */
export async function diff(
  _id: string,
  olds: ClientCertificateOutputs,
  news: ClientCertificateInputs,
) {
  // certificatePem is decided here: in CSR mode it is NetFoundry's output, never compared with the
  // (absent) input, and switching between upload and CSR mode replaces.
  const changes = inputChanges(RESOURCE, olds, news, { skip: ["certificatePem"] });
  const upload = isUpload(olds);
  if (upload !== isUpload(news)) changes.replaces.push("certificatePem");
  if (!upload && renewalDue(olds, news, "notAfter")) changes.replaces.push("notAfter");
  if (upload && isUpload(news) && inputChanged(olds.certificatePem, news.certificatePem))
    changes.updates.push("certificatePem");
  // State written by 0.1.0 (the certificate in `value`; none in certificatePem when signed): an
  // update reads the certificate again and records today's outputs, writing nothing to NetFoundry.
  if ("value" in olds || (!upload && olds.certificatePem === undefined))
    changes.updates.push("certificatePem");
  return diffResult(changes);
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as ClientCertificateInputs;
  // Before any call: an uploaded PEM unknown at preview is judged only now.
  assertValidNow({ certificatePem: inputs.certificatePem }, VALIDITY_REMEDIES);
  const nf = client(inputs);
  let created: ClientCertificateInfo | undefined;
  if (inputs.adoptExisting) {
    created = (await nf.list(inputs.frontdoorId)).find(
      (candidate) => candidate.name === inputs.name,
    );
    // An adopted upload takes the declared certificate; an adopted signed one keeps NetFoundry's.
    if (created && inputs.certificatePem !== undefined)
      await nf.replace(inputs.frontdoorId, created.id, inputs.name, inputs.certificatePem);
  }
  created ??= await createOnce(nf, inputs);
  try {
    const info = await nf.get(inputs.frontdoorId, created.id);
    if (!info?.value) throw new Error(`certificate ${created.id} could not be read back`);
    return { id: created.id, outs: outputsOf(inputs, info) };
  } catch (error) {
    throw new PartialCreateError(
      created.id,
      cleanOutputs({ ...inputs, schemaVersion: SCHEMA_VERSION }),
      [
        `NetFoundry created client certificate ${created.id} (${inputs.name}) but reading it back failed: ${safeMessage(error)}. The next \`pulumi up\` reads it again.`,
      ],
      news,
    );
  }
}

/** Pulumi `read`: NetFoundry's view wins (renames and new values made in the console). */
export async function read(id: string, props: Record<string, unknown>) {
  const olds = withoutProvider(props) as unknown as ClientCertificateOutputs;
  const info = await client(olds).get(olds.frontdoorId, id);
  if (!info?.value) return {};
  const inputs: ClientCertificateInputs = { ...inputsOf(olds), name: info.name };
  if (isUpload(olds) && info.value.trim() !== olds.certificatePem?.trim())
    inputs.certificatePem = info.value;
  return {
    id,
    props: keepStoredInstants(olds, outputsOf(inputs, info), ["notAfter", "createdAt"]),
  };
}

/**
 * Pulumi `update`: PATCH for a rename alone, PUT when the uploaded certificate changed, else only
 * the read back (state written by 0.1.0).
 */
export async function update(
  id: string,
  olds: ClientCertificateOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as ClientCertificateInputs;
  const nf = client(inputs);
  if (inputs.certificatePem !== undefined && inputs.certificatePem !== olds.certificatePem) {
    assertValidNow({ certificatePem: inputs.certificatePem }, VALIDITY_REMEDIES);
    await nf.replace(inputs.frontdoorId, id, inputs.name, inputs.certificatePem);
  } else if (inputs.name !== olds.name) {
    await nf.rename(inputs.frontdoorId, id, inputs.name);
  }
  const info = await nf.get(inputs.frontdoorId, id);
  if (!info?.value)
    throw new Error(`NetFoundry client certificate ${id} disappeared during the update.`);
  return { outs: outputsOf(inputs, info) };
}

/** Pulumi `delete`. */
export async function remove(id: string, props: ClientCertificateOutputs): Promise<void> {
  await client(props).remove(props.frontdoorId, id);
}

export { remove as delete };
