/**
 * Hooks of `CertificateRequest`: a private key and a PKCS#10 CSR made locally — the
 * `openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=nso-user"` step of
 * seed 000 as a resource. Nothing is remote, except the PKCS#11 token when `pkcs11` is given
 * (./tokenKeyLifecycle.ts):
 * - check: validate and normalize (./certificateRequestInputs);
 * - diff: any input change but `rotateAfterHours` (and a token's module, PIN, keepKeyOnDelete)
 *   replaces (a new key and CSR), and so does a key that has reached `rotateAfterHours`
 *   (../core/rotation.ts) or that a refresh found gone from its token, create-before-delete;
 * - create: generate (or import) the key — in the token for `pkcs11` — build the CSR, record when
 *   the key was made;
 * - read: the state as is; for a token key, whether the token still holds it;
 * - update: keep the key and CSR, echo the inputs (`rotateAfterHours` changed, or state written by
 *   an older schema);
 * - delete: nothing to remove, but a key certplane generated in a token (unless kept).
 */
import { importPrivateKey, describeKey, generatePrivateKey, publicKeyForms } from "../core/keys";
import { cleanOutputs, sameValue, withoutProvider } from "../core/hooks";
import { now } from "../core/clock";
import { formatInstant } from "../core/instant";
import { log } from "../core/log";
import { defaultOf, objectTypeSchema, resourceSchema } from "../core/packageSchema";
import { isRotationDue, rotationReason } from "../core/rotation";
import { containsUnknown } from "../core/validation";
import { checkHook } from "../core/checkHook";
import { spkiSha256 } from "../core/x509";
import { diffResult, inputChanges, type SameInput } from "../core/fieldDiff";
import { buildCsr } from "./buildCsr";
import { PKCS11_TYPE } from "./pkcs11Settings";
import {
  isTokenKey,
  makeTokenKeyAndCsr,
  removeTokenKey,
  tokenKeyPresent,
  type TokenKeyReference,
} from "./tokenKeyLifecycle";
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
  /**
   * PKCS#8 PEM. Secret. Absent at run time for a key in a PKCS#11 token; typed as present, as the
   * schema types it, since every other key has one.
   */
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
  /** For a key in a PKCS#11 token: its CKA_LABEL, CKA_ID (hex), the token's serial, and presence. */
  pkcs11KeyLabel?: string;
  pkcs11KeyId?: string;
  pkcs11TokenSerial?: string;
  pkcs11KeyInToken?: boolean;
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
  const changes = inputChanges(RESOURCE, olds, news, { same: KEY_COMPARISON, skip: ["pkcs11"] });
  const token = tokenChanges(olds, news);
  changes.replaces.push(...token.replaces);
  changes.updates.push(...token.updates);
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
      ? olds.privateKeyPem === undefined || olds.keyGenerated !== false
      : olds.keyGenerated === false && sameKey(olds.privateKeyPem, next as string),
  algorithm: (next, olds, news) => keyBrought(olds, news) || sameValue(olds.algorithm, next),
  rsaBits: (next, olds, news) => keyBrought(olds, news) || sameValue(olds.rsaBits, next),
  ecdsaCurve: (next, olds, news) => keyBrought(olds, news) || sameValue(olds.ecdsaCurve, next),
};

/** Whether the key decides its own kind: a PEM given, or a token key the user brought. */
function keyBrought(olds: CertificateRequestOutputs, news: CertificateRequestInputs): boolean {
  return (
    news.privateKeyPem !== undefined || (news.pkcs11 !== undefined && olds.keyGenerated === false)
  );
}

/** The `pkcs11` fields naming which key is used: a change means another key, so a replacement. */
const TOKEN_IDENTITY = ["tokenLabel", "keyLabel", "existingKey"];

/**
 * The token's part of the diff: giving or removing `pkcs11`, or changing which key it names,
 * replaces; a new module path, PIN or keepKeyOnDelete updates in place (the key stays); a key a
 * refresh found gone from the token replaces (`pkcs11KeyInToken`).
 */
function tokenChanges(olds: CertificateRequestOutputs, news: CertificateRequestInputs) {
  const replaces: string[] = [];
  const updates: string[] = [];
  const before = olds.pkcs11 as Record<string, unknown> | undefined;
  const after = news.pkcs11 as Record<string, unknown> | undefined;
  if (containsUnknown(after) || (before === undefined) !== (after === undefined)) {
    replaces.push("pkcs11");
  } else if (before !== undefined && after !== undefined) {
    const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...fields].filter(
      (f) => !sameValue(tokenField(before, f), tokenField(after, f)),
    );
    if (changed.some((f) => TOKEN_IDENTITY.includes(f))) replaces.push("pkcs11");
    else if (changed.length > 0) updates.push("pkcs11");
  }
  if (olds.pkcs11KeyInToken === false) {
    log.info(
      `CertificateRequest ${olds.publicKeyFingerprintSha256}: replacing the key and CSR, since the ` +
        `key "${olds.pkcs11KeyLabel}" was not in its PKCS#11 token at the last refresh.`,
    );
    replaces.push("pkcs11KeyInToken");
  }
  return { replaces, updates };
}

/**
 * A `pkcs11` field as given, or when absent the default the schema's `certplane:index:Pkcs11` type
 * gives it (`existingKey` and `keepKeyOnDelete`: false), so leaving a default out is no change.
 */
function tokenField(settings: Record<string, unknown>, field: string): unknown {
  const property = objectTypeSchema(PKCS11_TYPE).properties[field];
  return settings[field] ?? (property && defaultOf(property));
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
  if (inputs.pkcs11 !== undefined)
    return cleanOutputs({
      ...inputs,
      ...(await makeTokenKeyAndCsr(inputs)),
    }) as CertificateRequestOutputs;
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

/**
 * Pulumi `read`: the state is the truth, but for a key in a token: whether the token still holds
 * it (`pkcs11KeyInToken`; false makes the next diff replace). A token that cannot be opened fails
 * the refresh with what to check, rather than guessing.
 */
export async function read(id: string, props: Record<string, unknown>) {
  const state = withoutProvider(props);
  if (!isTokenKey(state as TokenKeyReference)) return { id, props: state };
  const present = await tokenKeyPresent(state as TokenKeyReference);
  return { id, props: { ...state, pkcs11KeyInToken: present } };
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

/**
 * Pulumi `delete`: nothing exists outside the state, but a key certplane generated in a PKCS#11
 * token, which is destroyed there (unless `keepKeyOnDelete`).
 */
export async function remove(_id?: string, props?: Record<string, unknown>): Promise<void> {
  const state = withoutProvider(props ?? {}) as TokenKeyReference;
  if (isTokenKey(state)) await removeTokenKey(state);
}
export { remove as delete };
