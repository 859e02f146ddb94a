/**
 * Turns an export's resources into report rows (without the status, which depends on the instant):
 * each resource is recognized (./schemaTypes for certplane's doors, ./credentials for @pulumi/tls),
 * then its public outputs are read through the one table of output meanings (./credentials). Only
 * public outputs are read: a secret value (`{<sig>: …, ciphertext}`) is never decrypted, and an
 * expiry stored as a secret makes no row but a warning. A certificate's key, when a
 * CertificateRequest of the same stack made it, is found and read by ./keys.
 */
import { formatInstant } from "../provider/core/instant";
import { renewalStartsAt } from "../provider/core/renewal";
import { parseCertificate, type CertificateInfo } from "../provider/core/x509";
import {
  CERTPLANE_CREDENTIALS,
  KEY_SOURCE,
  TLS_CREDENTIALS,
  type CredentialOutputs,
} from "./credentials";
import { keySourcesOf, linkedKey, type KeySource, type StateKeyFacts } from "./keys";
import type { FrontDoor, KeyRow, ReportRow } from "./model";
import { recognizeType } from "./schemaTypes";
import { instant, text } from "./outputValues";
import { isSecret } from "./secretValue";
import type { ExportedResource, StackExport } from "./stackExport";

/** A row before the report's instant is applied: what state says, with its instants as numbers. */
export type StateRow = Omit<ReportRow, "daysLeft" | "status" | "keyRotation"> &
  StateKeyFacts & {
    notAfterMs: number;
    /** When the renewal window opens; undefined when the resource renews at expiry (or never). */
    renewalStartMs?: number;
  };

/** A key no row was issued for, before the report's instant is applied. */
export type StateKey = Omit<KeyRow, "keyRotation"> & StateKeyFacts;

/** What reading one export found. */
export interface ExportRows {
  rows: StateRow[];
  /** The stack's `CertificateRequest`s that no row was issued for. */
  keys: StateKey[];
  /** Resources that look like credentials but could not be reported, each saying why. */
  warnings: string[];
}

/**
 * The credential table entry, door and row type (the schema's token for certplane's, the
 * resource's own for @pulumi/tls) of a resource, or undefined when it holds no credential.
 */
function credentialOf(
  resource: ExportedResource,
): { outputs: CredentialOutputs; door: FrontDoor; type: string } | undefined {
  const tls = TLS_CREDENTIALS[resource.type];
  if (tls) return { outputs: tls, door: "tls", type: resource.type };
  const recognized = recognizeType(resource.type, resource.outputs);
  const outputs = recognized && CERTPLANE_CREDENTIALS[recognized.token];
  return outputs && recognized && { outputs, door: recognized.door, type: recognized.token };
}

/** Certificates parsed once per PEM text (an export repeats a certificate in several outputs). */
const parsedPems = new Map<string, CertificateInfo | undefined>();
const PARSED_PEMS_KEPT = 50_000;

function parsePem(pem: unknown): CertificateInfo | undefined {
  if (typeof pem !== "string" || !pem.includes("-----BEGIN CERTIFICATE-----")) return undefined;
  if (parsedPems.has(pem)) return parsedPems.get(pem);
  let info: CertificateInfo | undefined;
  try {
    info = parseCertificate(pem);
  } catch {
    // A PEM that does not parse adds nothing; the named outputs still make the row.
    info = undefined;
  }
  if (parsedPems.size >= PARSED_PEMS_KEPT) parsedPems.clear();
  parsedPems.set(pem, info);
  return info;
}

/** The last part of a URN: the resource's name. */
function nameOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 1];
}

/**
 * The row of one resource, a warning when it holds a credential that cannot be reported, or
 * nothing when it holds none (not a credential type, or one with no expiry yet, like an Oracle SBC
 * certificate record, which holds a CSR).
 */
export function rowOfResource(
  stack: string,
  resource: ExportedResource,
  keySources: ReadonlyMap<string, KeySource> = new Map(),
): { row?: StateRow; warning?: string } {
  if (resource.delete) return {};
  const credential = credentialOf(resource);
  if (!credential) return {};
  const { outputs: names, door, type } = credential;
  const outputs = resource.outputs;
  const where = `${stack}: ${resource.urn}`;
  const expiry = outputs[names.notAfter];
  if (isSecret(expiry)) {
    return { warning: `${where}: its ${names.notAfter} is stored as a secret; not reported` };
  }
  if (expiry === undefined || expiry === null || expiry === "") return {};
  const notAfter = instant(outputs, names.notAfter);
  if (notAfter === undefined) {
    return {
      warning: `${where}: its ${names.notAfter} ${JSON.stringify(expiry)} is not a time; not reported`,
    };
  }
  const certificate = parsePem(text(outputs, names.certificatePem));
  const principals = names.principals === undefined ? undefined : outputs[names.principals];
  const subject =
    text(outputs, names.subject) ??
    (Array.isArray(principals)
      ? principals.filter((p) => typeof p === "string").join(",")
      : undefined) ??
    text(outputs, names.owner) ??
    certificate?.subject ??
    "";
  const serial = text(outputs, names.serial) ?? certificate?.serialNumber;
  const notBefore =
    instant(outputs, names.notBefore) ??
    (certificate ? formatInstant(certificate.notBefore) : undefined);
  const early =
    names.earlyRenewalHours === undefined ? undefined : outputs[names.earlyRenewalHours];
  const notAfterMs = Date.parse(notAfter);
  const key = linkedKey(resource, names.keyInputs, keySources);
  const renewalStartMs =
    typeof early === "number" && early > 0
      ? renewalStartsAt(new Date(notAfterMs), early).getTime()
      : undefined;
  const row: StateRow = {
    stack,
    name: nameOfUrn(resource.urn),
    urn: resource.urn,
    type,
    door,
    kind: names.kind,
    vendor: names.vendor,
    subject,
    ...(serial === undefined ? {} : { serial }),
    ...(notBefore === undefined ? {} : { notBefore }),
    notAfter,
    ...(renewalStartMs === undefined ? {} : { renewalWindowStart: formatInstant(renewalStartMs) }),
    ...(key === undefined ? {} : { keyUrn: key.urn, ...key.facts }),
    notAfterMs,
    ...(renewalStartMs === undefined ? {} : { renewalStartMs }),
  };
  return { row };
}

/**
 * Every row of an export, its keys no row was issued for, and a warning per credential it could
 * not report. A key feeds only a certificate whose row this is, or one in another stack (through a
 * StackReference, which state links to the reference, not the key), or one that made no row (its
 * expiry is secret): all but the first are listed as keys of their own, so every key that rotates
 * shows its rotation in the stack that rotates it.
 */
export function rowsOfExport(exported: StackExport): ExportRows {
  const rows: StateRow[] = [];
  const warnings: string[] = [];
  const keySources = keySourcesOf(exported.resources);
  for (const resource of exported.resources) {
    const { row, warning } = rowOfResource(exported.stack, resource, keySources);
    if (row) rows.push(row);
    if (warning) warnings.push(warning);
  }
  const linked = new Set(rows.map((row) => row.keyUrn));
  const keys = [...keySources.values()]
    .filter((source) => !linked.has(source.urn))
    .map((source): StateKey => ({
      stack: exported.stack,
      name: nameOfUrn(source.urn),
      urn: source.urn,
      type: KEY_SOURCE.token,
      door: source.door,
      ...(source.fingerprint === undefined ? {} : { fingerprint: source.fingerprint }),
      ...source.facts,
    }));
  return { rows, keys, warnings };
}
