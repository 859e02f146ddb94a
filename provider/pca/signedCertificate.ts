/**
 * Hooks of `pca.SignedCertificate`: seed 000 steps 2-4 as a resource.
 * - create: sign the CSR (`POST /distribution/sign-csr`), check the certificate certifies the CSR's
 *   key (keeping any issuer certificates PCA sends after it as `chainPem`), and — with `privateKeyPem` — validate it over mTLS (a refusal right after signing is a
 *   partial create: the certificate exists and is recorded);
 * - read: PCA has no API to read a certificate back, so refresh re-parses the certificate in state
 *   and, with the key, re-validates it (an expired or refused certificate shows `validated: false`);
 * - diff: the CSR, username, roles or duration, or the renewal window → replace (create before
 *   delete); `connection`, `earlyRenewalHours` and `privateKeyPem` → update in place, no signing;
 * - delete: forgets. PCA documents no revoke API; the certificate stays valid until `notAfter`.
 */
import { resolvePcaConnection } from "./connection";
import { PcaClient } from "./client";
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

export { configure } from "../core/hooks";

/** Outputs: inputs echoed plus the certificate's facts. */
export interface SignedCertificateOutputs extends SignedCertificateInputs {
  certificatePem: string;
  /** Issuer certificates PCA sent with the leaf; `""` when it sent the leaf only. */
  chainPem: string;
  /** `certificatePem` followed by `chainPem` (what a TLS server or client presents). */
  fullChainPem: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  /** Present when `privateKeyPem` is given: PCA's mTLS validate accepted the certificate. */
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
  const changes = inputChanges(RESOURCE, olds, news);
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
    fullChainPem: certificate.pem + chainPem,
    subject: certificate.subject,
    issuer: certificate.issuer,
    serialNumber: certificate.serialNumber,
    notBefore: formatInstant(certificate.notBefore),
    notAfter: formatInstant(certificate.notAfter),
    fingerprintSha256: certificate.fingerprintSha256,
    readyForRenewal: isRenewalDue(certificate.notAfter, earlyRenewalHours),
  };
}

/** Validates over mTLS when the key is known; the outputs `validated`/`validationMessage`. */
async function validation(
  client: PcaClient,
  certificatePem: string,
  privateKeyPem: string | undefined,
): Promise<{ validated?: boolean; validationMessage?: string }> {
  if (privateKeyPem === undefined) return {};
  const result = await client.validate(certificatePem, privateKeyPem);
  return result.authorized
    ? { validated: true }
    : { validated: false, validationMessage: result.reason };
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as SignedCertificateInputs;
  const client = new PcaClient(resolvePcaConnection(inputs.connection));
  const { certificate, chainPem } = await client.signCsr(inputs);
  const signed = {
    ...inputs,
    ...certificateFacts(certificate, chainPem, inputs.earlyRenewalHours),
    schemaVersion: SCHEMA_VERSION,
  };
  let checked: { validated?: boolean; validationMessage?: string };
  try {
    checked = await validation(client, certificate.pem, inputs.privateKeyPem);
  } catch (error) {
    throw new PartialCreateError(
      certificate.serialNumber,
      cleanOutputs({ ...signed, validated: false }),
      [
        `PCA signed certificate ${certificate.serialNumber}, but validating it over mTLS failed: ${safeMessage(error)}`,
      ],
    );
  }
  const outs = cleanOutputs({ ...signed, ...checked });
  if (checked.validated === false) {
    throw new PartialCreateError(certificate.serialNumber, outs, [
      `PCA signed certificate ${certificate.serialNumber} but its mTLS validate endpoint refused it (${checked.validationMessage}). ` +
        "Check the roles and the user PCA embeds; the next `pulumi up` validates it again.",
    ]);
  }
  return { id: certificate.serialNumber, outs };
}

/** Pulumi `read`: re-parse the stored certificate and re-validate it when the key is known. */
export async function read(id: string, props: Record<string, unknown>) {
  const olds = withoutProvider(props) as unknown as SignedCertificateOutputs;
  if (!olds.certificatePem) return { id, props: olds };
  const certificate = parseCertificate(olds.certificatePem);
  const client = new PcaClient(resolvePcaConnection(olds.connection));
  const checked = await validation(client, certificate.pem, olds.privateKeyPem);
  const { validationMessage: _old, ...rest } = olds;
  return {
    id,
    props: cleanOutputs({
      ...rest,
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
export async function update(
  _id: string,
  olds: SignedCertificateOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as SignedCertificateInputs;
  const {
    __provider: _p,
    validationMessage: _m,
    ...old
  } = olds as SignedCertificateOutputs & { __provider?: string };
  const client = new PcaClient(resolvePcaConnection(inputs.connection));
  const revalidate = inputs.privateKeyPem !== olds.privateKeyPem || olds.validated === false;
  const checked = revalidate
    ? await validation(client, old.certificatePem, inputs.privateKeyPem)
    : { validated: old.validated };
  const outs = cleanOutputs({
    ...old,
    ...inputs,
    validated: inputs.privateKeyPem === undefined ? undefined : checked.validated,
    ...("validationMessage" in checked ? { validationMessage: checked.validationMessage } : {}),
    readyForRenewal: isRenewalDue(old.notAfter, inputs.earlyRenewalHours),
  });
  if (checked.validated === false) {
    throw new PartialCreateError(old.serialNumber, outs, [
      `PCA's mTLS validate endpoint refused certificate ${old.serialNumber} (${"validationMessage" in checked ? checked.validationMessage : "refused"}).`,
    ]);
  }
  return { outs };
}

/** Pulumi `delete`: forget. PCA documents no revoke API; the certificate expires at `notAfter`. */
export async function remove(): Promise<void> {
  // Nothing to call: see the module comment and docs/pca/signedCertificate.md.
}

export { remove as delete };
