/**
 * Hooks of `CertificateRequest`: a private key and a PKCS#10 CSR made locally — the
 * `openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=nso-user"` step of
 * seed 000 as a resource. Nothing is remote:
 * - check: validate and normalize (./certificateRequestInputs);
 * - diff: any input change replaces (a new key and CSR);
 * - create: generate (or import) the key, build the CSR;
 * - read: return the state as is (there is no vendor object to drift);
 * - update: re-echo inputs (reached only for state written by an older schema);
 * - delete: nothing to remove.
 */
import { importPrivateKey, describeKey, generatePrivateKey, publicKeyForms } from "../core/keys";
import { cleanOutputs, sameValue, withoutProvider } from "../core/hooks";
import { checkHook } from "../core/checkHook";
import { spkiSha256 } from "../core/x509";
import { diffResult, inputChanges, type SameInput } from "../core/fieldDiff";
import { buildCsr } from "./buildCsr";
import {
  checkCertificateRequest,
  type CertificateRequestInputs,
  RESOURCE,
} from "./certificateRequestInputs";

export { configure } from "../core/hooks";

/** Outputs: every input echoed plus the key and CSR. */
export interface CertificateRequestOutputs extends CertificateRequestInputs {
  /** Effective key algorithm (also for a bring-your-own key). */
  algorithm: CertificateRequestInputs["algorithm"];
  /** True when certplane generated the key; false for a bring-your-own key. */
  keyGenerated: boolean;
  /** PKCS#8 PEM. Secret. */
  privateKeyPem: string;
  publicKeyPem: string;
  publicKeyOpenssh: string;
  publicKeyFingerprintSha256: string;
  certRequestPem: string;
  schemaVersion: number;
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkCertificateRequest, RESOURCE);

/** Pulumi `diff`: old outputs vs new (checked) inputs; every difference replaces. */
export async function diff(
  _id: string,
  olds: CertificateRequestOutputs,
  news: CertificateRequestInputs,
) {
  return diffResult(inputChanges(RESOURCE, olds, news, { same: KEY_COMPARISON }));
}

/**
 * The key inputs compare by the key, not by text: a bring-your-own key is the same when its public
 * key is; a generated key's outputs (algorithm, size, curve) are only compared while no key is
 * brought, since a brought key decides them itself; and switching between the two replaces.
 */
const KEY_COMPARISON: Record<
  string,
  SameInput<CertificateRequestOutputs, CertificateRequestInputs>
> = {
  privateKeyPem: (next, olds) =>
    next === undefined
      ? olds.keyGenerated !== false
      : olds.keyGenerated === false && sameKey(olds.privateKeyPem, next as string),
  algorithm: (next, olds, news) =>
    news.privateKeyPem !== undefined || sameValue(olds.algorithm, next),
  rsaBits: (next, olds, news) => news.privateKeyPem !== undefined || sameValue(olds.rsaBits, next),
  ecdsaCurve: (next, olds, news) =>
    news.privateKeyPem !== undefined || sameValue(olds.ecdsaCurve, next),
};

function sameKey(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  try {
    return spkiSha256(a) === spkiSha256(b);
  } catch {
    return false;
  }
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as CertificateRequestInputs;
  const outs = await makeKeyAndCsr(inputs);
  return { id: outs.publicKeyFingerprintSha256, outs };
}

/** Generates or imports the key and builds the CSR. */
export async function makeKeyAndCsr(
  inputs: CertificateRequestInputs,
): Promise<CertificateRequestOutputs> {
  const keyGenerated = inputs.privateKeyPem === undefined;
  const privateKey = keyGenerated
    ? await generatePrivateKey({
        algorithm: inputs.algorithm ?? "RSA",
        rsaBits: inputs.rsaBits,
        ecdsaCurve: inputs.ecdsaCurve,
      })
    : importPrivateKey(inputs.privateKeyPem as string);
  const desc = describeKey(privateKey);
  const forms = publicKeyForms(privateKey);
  const certRequestPem = await buildCsr(privateKey, inputs.subject, inputs);
  return cleanOutputs({
    ...inputs,
    algorithm: desc.algorithm,
    rsaBits: keyGenerated ? inputs.rsaBits : desc.rsaBits,
    ecdsaCurve: keyGenerated ? inputs.ecdsaCurve : desc.ecdsaCurve,
    keyGenerated,
    ...forms,
    certRequestPem,
  }) as CertificateRequestOutputs;
}

/** Pulumi `read`: the state is the truth; nothing remote can drift. */
export async function read(id: string, props: Record<string, unknown>) {
  return { id, props: withoutProvider(props) };
}

/** Pulumi `update`: keeps the key and CSR, echoes the new inputs. */
export async function update(
  _id: string,
  olds: CertificateRequestOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as CertificateRequestInputs;
  const { __provider: _p, ...old } = olds as CertificateRequestOutputs & { __provider?: string };
  return {
    outs: cleanOutputs({
      ...old,
      ...inputs,
      privateKeyPem: old.privateKeyPem,
      algorithm: old.algorithm,
    }),
  };
}

/** Pulumi `delete`: nothing exists outside the state. */
export async function remove(): Promise<void> {
  return;
}
export { remove as delete };
