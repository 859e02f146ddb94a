/**
 * Hooks of `netfoundry.ClientCertificate` (seed 004): a Frontdoor client certificate, uploaded
 * (`certificatePem`) or signed by NetFoundry from a CSR (`certRequestPem`).
 * - create: POST (or, with `adoptExisting`, take a certificate of the same name), then read the
 *   certificate back; a failure after the POST is a partial create (the certificate exists);
 * - diff: name → update (PATCH); uploaded PEM → update (PUT); CSR, frontdoorId, mode, or (signed
 *   certificates) the renewal window → replace, create before delete;
 * - read: GET; gone → no id; a rename or new value made in the console shows as drift;
 * - delete: DELETE; already gone counts as deleted.
 */
import { PartialCreateError, safeMessage } from "../core/errors";
import { cleanOutputs, SCHEMA_VERSION, sameValue, withoutProvider } from "../core/hooks";
import { isRenewalDue } from "../core/renewal";
import { containsUnknown } from "../core/validation";
import { parseCertificate } from "../core/x509";
import { NetfoundryClient, type ClientCertificateInfo } from "./client";
import { createOnce } from "./createOnce";
import { checkClientCertificate, type ClientCertificateInputs } from "./clientCertificateInputs";
import { resolveNetfoundryConnection } from "./connection";

export { configure } from "../core/hooks";

/** Outputs. */
export interface ClientCertificateOutputs extends ClientCertificateInputs {
  /** The certificate NetFoundry holds (the upload, or the one it issued). */
  value: string;
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
    value: certificate.pem,
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialNumber,
    notAfter: certificate.notAfter.toISOString(),
    fingerprintSha256: certificate.fingerprintSha256,
    createdAt: info.createdAt,
    createdBy: info.createdBy,
    readyForRenewal:
      inputs.certRequestPem !== undefined &&
      isRenewalDue(certificate.notAfter, inputs.earlyRenewalHours),
    schemaVersion: SCHEMA_VERSION,
  }) as ClientCertificateOutputs;
}

/** Pulumi `check`. */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  const { inputs, failures } = checkClientCertificate(withoutProvider(news));
  return { inputs: inputs as unknown as Record<string, unknown>, failures };
}

/** Pulumi `diff`. */
export async function diff(
  _id: string,
  olds: ClientCertificateOutputs,
  news: ClientCertificateInputs,
) {
  const changed = (prop: keyof ClientCertificateInputs) =>
    containsUnknown(news[prop]) || !sameValue(olds[prop], news[prop]);
  const replaces: string[] = (["frontdoorId", "certRequestPem"] as const).filter(changed);
  if (
    (olds.certificatePem === undefined) !== (news.certificatePem === undefined) &&
    !replaces.includes("certificatePem")
  ) {
    replaces.push("certificatePem");
  }
  const hours = containsUnknown(news.earlyRenewalHours)
    ? olds.earlyRenewalHours
    : news.earlyRenewalHours;
  if (olds.certRequestPem !== undefined && isRenewalDue(olds.notAfter, hours))
    replaces.push("notAfter");
  const updates = (
    ["name", "certificatePem", "earlyRenewalHours", "adoptExisting", "connection"] as const
  ).filter(changed);
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as ClientCertificateInputs;
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
    );
  }
}

/** Pulumi `read`: NetFoundry's view wins (renames and new values made in the console). */
export async function read(id: string, props: Record<string, unknown>) {
  const olds = withoutProvider(props) as unknown as ClientCertificateOutputs;
  const info = await client(olds).get(olds.frontdoorId, id);
  if (!info?.value) return {};
  const inputs: ClientCertificateInputs = { ...olds, name: info.name };
  if (olds.certificatePem !== undefined && info.value.trim() !== olds.certificatePem.trim())
    inputs.certificatePem = info.value;
  return { id, props: outputsOf(inputs, info) };
}

/** Pulumi `update`: PATCH for a rename alone, PUT when the uploaded certificate changed. */
export async function update(
  id: string,
  olds: ClientCertificateOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as ClientCertificateInputs;
  const nf = client(inputs);
  if (inputs.certificatePem !== undefined && inputs.certificatePem !== olds.certificatePem) {
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
