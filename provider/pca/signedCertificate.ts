/**
 * Hooks of `pca.SignedCertificate`: seed 000 steps 2-4 as a resource.
 * - create: sign the CSR (`POST /distribution/sign-csr`), check the certificate certifies the CSR's
 *   key (keeping any issuer certificates PCA sends after it as `chainPem`), and — with
 *   `privateKeyPem`, or `pkcs11` for a key that stays in a token — validate it over mTLS (a refusal
 *   right after signing is a partial create: the certificate exists and is recorded);
 * - read: PCA has no API to read a certificate back, so refresh re-parses the certificate in state
 *   and, when the key reaches it, re-validates it (an expired or refused certificate shows
 *   `validated: false`). A PEM key is not in the outputs (./signedCertificateState.ts): the plugin
 *   door passes the stored inputs, the dynamic door cannot, so there refresh keeps `validated`;
 *   `pkcs11` is echoed, so a token key re-validates through either door;
 * - diff: the CSR (by its fingerprint), username, roles or duration, or the renewal window →
 *   replace (create before delete); `connection`, `earlyRenewalHours`, `privateKeyPem` (by its
 *   public key) and `pkcs11` → update in place, no signing;
 * - delete: forgets. PCA documents no revoke API; the certificate stays valid until `notAfter`.
 */
import { resolvePcaConnection } from "./connection";
import { PcaClient, type ValidationKey } from "./client";
import { pkcs11Settings } from "../csr/pkcs11Settings";
import { pkcs11EnginePath } from "../csr/pkcs11Engine";
import { TokenKeyNotFoundError } from "../csr/tokenTls";
import { log } from "../core/log";
import { PartialCreateError, safeMessage } from "../core/errors";
import { cleanOutputs, SCHEMA_VERSION, withoutProvider } from "../core/hooks";
import { diffResult, inputChanges, renewalDue } from "../core/fieldDiff";
import { checkHook } from "../core/checkHook";
import { isRenewalDue } from "../core/renewal";
import { parseCertificate, type CertificateInfo } from "../core/x509";
import {
  checkSignedCertificate,
  type SignedCertificateInputs,
  RESOURCE,
} from "./signedCertificateInputs";
import { formatInstant, keepStoredInstants } from "../core/instant";
import {
  sameCertRequest,
  sameKey,
  samePkcs11,
  storedInputs,
  withoutEchoes,
} from "./signedCertificateState";

export { configure } from "../core/hooks";

/** Inputs the outputs do not echo: they only feed PCA's calls (./signedCertificateState.ts). */
type InputOnly = "certRequestPem" | "privateKeyPem";

/** Outputs: the inputs echoed (but the CSR and the key) plus the certificate's facts. */
export interface SignedCertificateOutputs extends Omit<SignedCertificateInputs, InputOnly> {
  /** SHA-256 (hex) of the CSR's DER: what a new `certRequestPem` is compared with. */
  certRequestSha256: string;
  certificatePem: string;
  /**
   * Issuer certificates PCA sent with the leaf; `""` when it sent the leaf only. `fullChainPem`
   * (the two joined) is not returned: it is derived where it is read (the schema's
   * `concatenationOf`), so the dynamic door stores the certificate once.
   */
  chainPem: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  /** Present when `privateKeyPem` or `pkcs11` is given: PCA's mTLS validate accepted it. */
  validated?: boolean;
  /** Why validation failed, when it did. */
  validationMessage?: string;
  readyForRenewal: boolean;
  schemaVersion: number;
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkSignedCertificate, RESOURCE);

/** Pulumi `diff`. */
export async function diff(
  _id: string,
  olds: SignedCertificateOutputs,
  news: SignedCertificateInputs,
) {
  const changes = inputChanges(RESOURCE, olds, news, {
    same: {
      certRequestPem: (next) => sameCertRequest(next as string, olds),
      privateKeyPem: (next) => sameKey(next as string | undefined, olds),
      pkcs11: (next) => samePkcs11(next, olds),
    },
  });
  if (renewalDue(olds, news, "notAfter")) changes.replaces.push("notAfter");
  return diffResult(changes);
}

function certificateFacts(
  certificate: CertificateInfo,
  chainPem: string,
  earlyRenewalHours: number,
) {
  return {
    certificatePem: certificate.pem,
    chainPem,
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialNumber,
    notBefore: formatInstant(certificate.notBefore),
    notAfter: formatInstant(certificate.notAfter),
    fingerprintSha256: certificate.fingerprintSha256,
    readyForRenewal: isRenewalDue(certificate.notAfter, earlyRenewalHours),
  };
}

/**
 * The key to validate with: the PEM key, or the token key with every `pkcs11` setting resolved
 * (throws naming what is unset, or the missing PKCS#11 engine); undefined when neither is given.
 */
function validationKey(
  privateKeyPem: string | undefined,
  pkcs11: Record<string, unknown> | undefined,
): ValidationKey | undefined {
  if (privateKeyPem !== undefined) return { privateKeyPem };
  if (pkcs11 === undefined) return undefined;
  return { pkcs11: pkcs11Settings(pkcs11), enginePath: pkcs11EnginePath() };
}

/** Validates over mTLS when the key is known; the outputs `validated`/`validationMessage`. */
async function validation(
  client: PcaClient,
  certificatePem: string,
  key: ValidationKey | undefined,
): Promise<{ validated?: boolean; validationMessage?: string }> {
  if (key === undefined) return {};
  const result = await client.validate(certificatePem, key);
  return result.authorized
    ? { validated: true }
    : { validated: false, validationMessage: result.reason };
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as SignedCertificateInputs;
  const client = new PcaClient(resolvePcaConnection(inputs.connection));
  // Resolved before signing: a token setting set nowhere, or no engine, fails before PCA issues.
  const key = validationKey(inputs.privateKeyPem, inputs.pkcs11);
  const { certificate, chainPem } = await client.signCsr(inputs);
  const signed = {
    ...storedInputs(inputs),
    ...certificateFacts(certificate, chainPem, inputs.earlyRenewalHours),
    schemaVersion: SCHEMA_VERSION,
  };
  let checked: { validated?: boolean; validationMessage?: string };
  try {
    checked = await validation(client, certificate.pem, key);
  } catch (error) {
    throw new PartialCreateError(
      certificate.serialNumber,
      cleanOutputs({ ...signed, validated: false }),
      [
        `PCA signed certificate ${certificate.serialNumber}, but validating it over mTLS failed: ${safeMessage(error)}`,
      ],
      news,
    );
  }
  const outs = cleanOutputs({ ...signed, ...checked });
  if (checked.validated === false) {
    throw new PartialCreateError(
      certificate.serialNumber,
      outs,
      [
        `PCA signed certificate ${certificate.serialNumber} but its mTLS validate endpoint refused it (${checked.validationMessage}). ` +
          "Check the roles and the user PCA embeds; the next `pulumi up` validates it again.",
      ],
      news,
    );
  }
  return { id: certificate.serialNumber, outs };
}

/**
 * A refresh's validation: as at create, except that a token key no longer in its token (deleted,
 * or rotated away: the CertificateRequest's own refresh records that) is not reachable, so the
 * stored `validated` stays and a warning says why.
 */
async function refreshValidation(
  client: PcaClient,
  certificatePem: string,
  key: ValidationKey | undefined,
): Promise<{ validated?: boolean; validationMessage?: string }> {
  try {
    return await validation(client, certificatePem, key);
  } catch (error) {
    if (!(error instanceof TokenKeyNotFoundError)) throw error;
    log.warn(`Not re-validated over mTLS at refresh: ${error.message}`);
    return {};
  }
}

/** Old outputs in either layout: an earlier release also echoed the CSR and the key. */
type StoredOutputs = SignedCertificateOutputs & { certRequestPem?: string; privateKeyPem?: string };

/**
 * Pulumi `read`: re-parse the stored certificate and re-validate it when the key is known: from
 * `inputs` (the plugin door passes the stored inputs) or from state an earlier release wrote.
 * Without it (the dynamic door) `validated` and `validationMessage` stay as stored.
 */
export async function read(
  id: string,
  props: Record<string, unknown>,
  inputs?: Record<string, unknown>,
) {
  const olds = withoutProvider(props) as unknown as StoredOutputs;
  if (!olds.certificatePem) return { id, props: olds };
  const certificate = parseCertificate(olds.certificatePem);
  const key = validationKey(
    olds.privateKeyPem ?? (inputs?.privateKeyPem as string | undefined),
    olds.pkcs11 ?? (inputs?.pkcs11 as Record<string, unknown> | undefined),
  );
  const client = new PcaClient(resolvePcaConnection(olds.connection));
  const checked = await refreshValidation(client, certificate.pem, key);
  // State an earlier release wrote keeps its layout here (a refresh that only re-reads must find
  // no drift); its echoes go at its next update.
  const { validationMessage: oldMessage, ...rest } = olds;
  const kept = !("validated" in checked);
  return {
    id,
    props: cleanOutputs({
      ...rest,
      ...(kept && oldMessage !== undefined ? { validationMessage: oldMessage } : {}),
      // State written before chainPem existed has none: PCA's answer is gone, so the chain is "".
      ...keepStoredInstants(
        olds,
        certificateFacts(certificate, olds.chainPem ?? "", olds.earlyRenewalHours),
        ["notBefore", "notAfter"],
      ),
      ...checked,
    }),
  };
}

/** Pulumi `update`: no signing; re-validates when the key changed or a partial create is retried. */
export async function update(_id: string, olds: StoredOutputs, news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as SignedCertificateInputs;
  // An earlier release also stored fullChainPem: not written back (it is derived on read).
  const {
    __provider: _p,
    validationMessage: _m,
    fullChainPem: _f,
    ...old
  } = withoutEchoes(olds as StoredOutputs & { __provider?: string; fullChainPem?: string });
  const client = new PcaClient(resolvePcaConnection(inputs.connection));
  const key = validationKey(inputs.privateKeyPem, inputs.pkcs11);
  const revalidate =
    !sameKey(inputs.privateKeyPem, olds) ||
    !samePkcs11(inputs.pkcs11, olds) ||
    olds.validated === false;
  const checked = revalidate
    ? await validation(client, old.certificatePem, key)
    : { validated: old.validated };
  // `pkcs11` is echoed only while given: an update that removes it leaves none behind.
  const { pkcs11: _oldPkcs11, ...kept } = old;
  const outs = cleanOutputs({
    ...kept,
    ...storedInputs(inputs),
    validated: key === undefined ? undefined : checked.validated,
    ...("validationMessage" in checked ? { validationMessage: checked.validationMessage } : {}),
    readyForRenewal: isRenewalDue(old.notAfter, inputs.earlyRenewalHours),
  });
  if (checked.validated === false) {
    throw new PartialCreateError(
      old.serialNumber,
      outs,
      [
        `PCA's mTLS validate endpoint refused certificate ${old.serialNumber} (${"validationMessage" in checked ? checked.validationMessage : "refused"}).`,
      ],
      news,
    );
  }
  return { outs };
}

/** Pulumi `delete`: forget. PCA documents no revoke API; the certificate expires at `notAfter`. */
export async function remove(): Promise<void> {
  // Nothing to call: see the module comment and docs/pca/signedCertificate.md.
}

export { remove as delete };
