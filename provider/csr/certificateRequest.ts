/**
 * Hooks of `CertificateRequest`: a private key and a PKCS#10 CSR made locally — the
 * `openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=nso-user"` step of
 * seed 000 as a resource. Nothing is remote:
 * - check: validate and normalize (./certificateRequestInputs);
 * - diff: any input change but `rotateAfterHours` replaces (a new key and CSR), and so does a key
 *   that has reached `rotateAfterHours` (../core/rotation.ts), create-before-delete;
 * - create: generate (or import) the key, build the CSR, record when the key was made;
 * - read: return the state as is (there is no vendor object to drift);
 * - update: keep the key and CSR, echo the inputs (`rotateAfterHours` changed, or state written by
 *   an older schema);
 * - delete: nothing to remove.
 */
import { importPrivateKey, describeKey, generatePrivateKey, publicKeyForms } from "../core/keys";
import { cleanOutputs, sameValue, withoutProvider } from "../core/hooks";
import { now } from "../core/clock";
import { formatInstant } from "../core/instant";
import { log } from "../core/log";
import { resourceSchema } from "../core/packageSchema";
import { isRotationDue, rotationReason } from "../core/rotation";
import { containsUnknown } from "../core/validation";
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
  /**
   * When certplane generated the key (RFC 3339 UTC, whole seconds). Absent for a brought key, and
   * in state written before it was recorded (the key's age is then unknown).
   */
  keyCreatedAt?: string;
  schemaVersion: number;
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkCertificateRequest, RESOURCE);

/**
 * Pulumi `diff`: old outputs vs new (checked) inputs. Every difference replaces but
 * `rotateAfterHours`'s (an update); a key at its rotation age replaces too, named `keyCreatedAt`.
 */
export async function diff(
  _id: string,
  olds: CertificateRequestOutputs,
  news: CertificateRequestInputs,
) {
  const changes = inputChanges(RESOURCE, olds, news, { same: KEY_COMPARISON });
  const rotateAfterHours = rotationAge(olds, news);
  if (rotateAfterHours !== undefined && isRotationDue(olds.keyCreatedAt, rotateAfterHours)) {
    log.info(
      `CertificateRequest ${olds.publicKeyFingerprintSha256}: replacing the key and CSR, since ` +
        `${rotationReason(olds.keyCreatedAt, rotateAfterHours)}.`,
    );
    changes.replaces.push("keyCreatedAt");
  }
  return diffResult(changes);
}

/**
 * The rotation age that applies: the new `rotateAfterHours` (the old one while the new one is
 * unknown in preview), for a generated key only — a brought key is never rotated (check refuses
 * the combination, and state with a brought key may predate that rule).
 */
function rotationAge(
  olds: CertificateRequestOutputs,
  news: CertificateRequestInputs,
): number | undefined {
  if (olds.keyGenerated === false || news.privateKeyPem !== undefined) return undefined;
  const hours = containsUnknown(news.rotateAfterHours)
    ? olds.rotateAfterHours
    : news.rotateAfterHours;
  return typeof hours === "number" ? hours : undefined;
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
    // Taken after the key exists, floored to the second: never later than the key's real birth,
    // so rotation is never late.
    keyCreatedAt: keyGenerated ? formatInstant(now()) : undefined,
  }) as CertificateRequestOutputs;
}

/** Pulumi `read`: the state is the truth; nothing remote can drift. */
export async function read(id: string, props: Record<string, unknown>) {
  return { id, props: withoutProvider(props) };
}

/**
 * Pulumi `update`: keeps the key, the CSR and `keyCreatedAt`, echoes the new inputs. An input that
 * updates in place (`rotateAfterHours`) and is no longer given leaves the outputs with it.
 */
export async function update(
  _id: string,
  olds: CertificateRequestOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as CertificateRequestInputs;
  const { __provider: _p, ...old } = olds as CertificateRequestOutputs & { __provider?: string };
  const kept: Record<string, unknown> = { ...old };
  for (const name of inPlaceInputs()) if (!(name in inputs)) delete kept[name];
  return {
    outs: cleanOutputs({
      ...kept,
      ...inputs,
      privateKeyPem: old.privateKeyPem,
      algorithm: old.algorithm,
    }),
  };
}

/** The inputs the schema lets change without a replacement. */
function inPlaceInputs(): string[] {
  const { inputProperties } = resourceSchema(RESOURCE);
  return Object.keys(inputProperties).filter((name) => !inputProperties[name].willReplaceOnChanges);
}

/** Pulumi `delete`: nothing exists outside the state. */
export async function remove(): Promise<void> {
  return;
}
export { remove as delete };
