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
import { containsUnknown } from "../core/validation";
import { buildCsr } from "./buildCsr";
import { checkCertificateRequest, type CertificateRequestInputs } from "./certificateRequestInputs";

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
export const check = checkHook(checkCertificateRequest);

/** Pulumi `diff`: old outputs vs new (checked) inputs; every difference replaces. */
export async function diff(
  _id: string,
  olds: CertificateRequestOutputs,
  news: CertificateRequestInputs,
) {
  const replaces = changedProperties(olds, news);
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/** The input properties whose new value differs from the one the outputs were made from. */
export function changedProperties(
  olds: CertificateRequestOutputs,
  news: CertificateRequestInputs,
): string[] {
  const changed: string[] = [];
  if (containsUnknown(news.privateKeyPem)) changed.push("privateKeyPem");
  else if (news.privateKeyPem !== undefined) {
    if (olds.keyGenerated !== false || !sameKey(olds.privateKeyPem, news.privateKeyPem))
      changed.push("privateKeyPem");
  } else {
    if (olds.keyGenerated === false) changed.push("privateKeyPem");
    for (const prop of ["algorithm", "rsaBits", "ecdsaCurve"] as const) {
      if (containsUnknown(news[prop]) || !sameValue(olds[prop], news[prop])) changed.push(prop);
    }
  }
  for (const prop of ["subject", "dnsNames", "ipAddresses", "uris", "emailAddresses"] as const) {
    if (containsUnknown(news[prop]) || !sameValue(olds[prop], news[prop])) changed.push(prop);
  }
  return changed;
}

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
