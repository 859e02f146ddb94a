/**
 * Hooks of `appviewx.SshCertificate` (seed 002): an OpenSSH user or host certificate enrolled over
 * mTLS.
 * - create: enroll, then cross-check the returned certificate itself (serial, key id, principals,
 *   validity, certified key) against the response and the request;
 * - diff: any certificate property, or the renewal window → replace. AppViewX refuses a second valid
 *   certificate for one key (ERR-SSH_NB-268), so with `revocation` configured a replacement that
 *   keeps the key deletes (revokes) first; without it, create-before-delete, and a kept key fails
 *   with 268 and an explanation;
 * - read: no SSH-certificate read API exists (vendor-apis.md 3.4): the certificate in state is parsed;
 * - delete: revoke when `revocation` is configured (an already non-Active certificate counts as
 *   revoked); otherwise forget (it expires at `validTo`).
 */
import sshpk from "sshpk";
import { CertplaneError, VendorApiError } from "../core/errors";
import { cleanOutputs, SCHEMA_VERSION, sameValue, withoutProvider } from "../core/hooks";
import { checkHook } from "../core/checkHook";
import { diffResult, inputChanges, renewalDue } from "../core/fieldDiff";
import { isRenewalDue } from "../core/renewal";
import { containsUnknown } from "../core/validation";
import { AppViewXClient, type EnrollResponse } from "./client";
import { resolveAppViewXConnection } from "./connection";
import {
  checkSshCertificate,
  publicKeyFingerprint,
  type SshCertificateInputs,
  RESOURCE,
} from "./sshCertificateInputs";
import { formatInstant } from "../core/instant";

export { configure } from "../core/hooks";

/** Outputs. */
export interface SshCertificateOutputs extends SshCertificateInputs {
  /** The OpenSSH certificate (`certContent`), one line. */
  certificate: string;
  serialNumber: string;
  keyId: string;
  /** `SHA256:…` of the certified key. */
  fingerprint: string;
  signingCa: string;
  validFrom: string;
  validTo: string;
  notAfter: string;
  certStatus: string;
  /** The response's extensions object (`{}` when it has none), e.g. `{permitPty: true}`. */
  extensions: Record<string, unknown>;
  readyForRenewal: boolean;
  schemaVersion: number;
}

function client(inputs: SshCertificateInputs): AppViewXClient {
  return new AppViewXClient(resolveAppViewXConnection(inputs.connection));
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkSshCertificate, RESOURCE);

/** Pulumi `diff`. */
export async function diff(_id: string, olds: SshCertificateOutputs, news: SshCertificateInputs) {
  // The key is compared by what AppViewX certified (its fingerprint), not by its text.
  const changes = inputChanges(RESOURCE, olds, news, {
    same: { publicKey: (next) => publicKeyFingerprint(next as string) === olds.fingerprint },
  });
  if (renewalDue(olds, news, "notAfter")) changes.replaces.push("notAfter");
  const sameKey = !changes.replaces.includes("publicKey");
  const revocable = news.revocation !== undefined && !containsUnknown(news.revocation);
  // One valid certificate per key: revoke the old one first when the key stays (and we can).
  return diffResult(changes, changes.replaces.length > 0 && sameKey && revocable);
}

/** Checks the OpenSSH certificate itself against the response and the request. */
function crossCheck(inputs: SshCertificateInputs, response: EnrollResponse): void {
  let cert: sshpk.Certificate;
  try {
    cert = sshpk.parseCertificate(response.certContent, "openssh");
  } catch {
    throw new CertplaneError("AppViewX returned a certContent that is not an OpenSSH certificate.");
  }
  const serial = BigInt(`0x${cert.serial.toString("hex") || "0"}`).toString();
  const principals = cert.subjects.map((subject) =>
    String(
      (subject as unknown as { hostname?: string; uid?: string }).hostname ??
        (subject as unknown as { uid?: string }).uid,
    ),
  );
  const problems: string[] = [];
  if (serial !== String(response.serialNumber))
    problems.push(`serial ${serial} ≠ response ${response.serialNumber}`);
  if (cert.subjectKey.fingerprint("sha256").toString() !== publicKeyFingerprint(inputs.publicKey))
    problems.push("the certified key is not publicKey");
  if (!sameValue([...principals].sort(), [...inputs.principals].sort()))
    problems.push(`principals ${principals.join(",")} ≠ requested ${inputs.principals.join(",")}`);
  if (Math.abs(cert.validUntil.getTime() - Number(response.validTo)) > 1000)
    problems.push("validTo differs from the certificate");
  if (problems.length > 0) {
    throw new CertplaneError(
      `AppViewX's certificate ${response.serialNumber} does not match its own response or the request: ${problems.join("; ")}.`,
    );
  }
}

/** The response's `extensions` when it is an object (the seed's sample); otherwise none. */
function extensionsOf(response: EnrollResponse): Record<string, unknown> {
  const { extensions } = response;
  return extensions && typeof extensions === "object" && !Array.isArray(extensions)
    ? (extensions as Record<string, unknown>)
    : {};
}

function outputsOf(inputs: SshCertificateInputs, response: EnrollResponse): SshCertificateOutputs {
  const validTo = formatInstant(Number(response.validTo));
  return cleanOutputs({
    ...inputs,
    certificate: response.certContent,
    serialNumber: String(response.serialNumber),
    keyId: response.keyId,
    fingerprint: publicKeyFingerprint(inputs.publicKey) as string,
    signingCa: response.signingCA,
    validFrom: formatInstant(Number(response.validFrom)),
    validTo,
    notAfter: validTo,
    certStatus: response.certStatus,
    extensions: extensionsOf(response),
    readyForRenewal: isRenewalDue(validTo, inputs.earlyRenewalHours),
    schemaVersion: SCHEMA_VERSION,
  }) as SshCertificateOutputs;
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as SshCertificateInputs;
  let response: EnrollResponse;
  try {
    response = await client(inputs).enroll({
      publicKey: inputs.publicKey,
      validityValue: inputs.validityValue,
      validityUnit: inputs.validityUnit,
      certificateIdentity: inputs.certificateIdentity,
      caName: inputs.caName,
      principals: inputs.principals,
      certType: inputs.certType,
    });
  } catch (error) {
    if (
      error instanceof VendorApiError &&
      /NB-268$/.test(error.vendorCode ?? "") &&
      !inputs.revocation
    ) {
      throw new CertplaneError(
        `${error.message} AppViewX allows one valid certificate per key. Two ways out: rotate the key (a new publicKey), ` +
          "or configure revocation ({ groupName }) so certplane revokes the old certificate before enrolling a new one for the same key.",
      );
    }
    throw error;
  }
  crossCheck(inputs, response);
  return { id: String(response.serialNumber), outs: outputsOf(inputs, response) };
}

/** Pulumi `read`: AppViewX has no SSH-certificate read API; the stored certificate is the truth. */
export async function read(id: string, props: Record<string, unknown>) {
  const olds = withoutProvider(props) as unknown as SshCertificateOutputs;
  return {
    id,
    props: cleanOutputs({
      ...olds,
      readyForRenewal: isRenewalDue(olds.notAfter, olds.earlyRenewalHours),
    }),
  };
}

/** Pulumi `update`: earlyRenewalHours, revocation, connection; no AppViewX call. */
export async function update(
  _id: string,
  olds: SshCertificateOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as SshCertificateInputs;
  const {
    __provider: _p,
    revocation: _r,
    connection: _c,
    ...old
  } = olds as SshCertificateOutputs & { __provider?: string };
  return {
    outs: cleanOutputs({
      ...old,
      ...inputs,
      readyForRenewal: isRenewalDue(old.notAfter, inputs.earlyRenewalHours),
    }),
  };
}

/** Pulumi `delete`: revoke when configured, else forget. */
export async function remove(id: string, props: SshCertificateOutputs): Promise<void> {
  if (!props.revocation) return;
  await client(props).revoke(props.caName, id, props.revocation.groupName, props.revocation.reason);
}

export { remove as delete };
