/**
 * The PKCS#11 side of `CertificateRequest`'s hooks: make (or find) the key in the token and sign
 * the CSR there (create), look the key up again (read), remove it (delete). The outputs carry the
 * public key and the token reference, never a private key.
 */
import { CertplaneError } from "../core/errors";
import { formatInstant } from "../core/instant";
import { now } from "../core/clock";
import { describeKey, publicOnlyForms, type KeyDescription } from "../core/keys";
import { log } from "../core/log";
import { buildCsrWithSigner } from "./buildCsr";
import type { CertificateRequestInputs } from "./certificateRequestInputs";
import { booleanField } from "../core/connection";
import { pkcs11Settings, resolvePkcs11, type Pkcs11Settings } from "./pkcs11Settings";
import {
  destroyKeyPair,
  existingTokenKey,
  findPrivateKey,
  generateTokenKey,
  signInToken,
  TOKEN_ECDSA_CURVES,
  type TokenKey,
} from "./tokenKeys";
import { withTokenSession, type TokenSession } from "./tokenSession";

/** The outputs a token key adds (and `privateKeyPem` it leaves out). */
export interface TokenKeyOutputs {
  algorithm: KeyDescription["algorithm"];
  rsaBits?: number;
  ecdsaCurve?: KeyDescription["ecdsaCurve"];
  keyGenerated: boolean;
  publicKeyPem: string;
  publicKeyOpenssh: string;
  publicKeyFingerprintSha256: string;
  certRequestPem: string;
  keyCreatedAt?: string;
  pkcs11KeyLabel: string;
  pkcs11KeyId: string;
  pkcs11TokenSerial: string;
  pkcs11KeyInToken: boolean;
}

/** The token reference a create leaves in the outputs. */
export interface TokenKeyReference {
  pkcs11?: Record<string, unknown>;
  pkcs11KeyLabel?: string;
  pkcs11KeyId?: string;
  keyGenerated?: boolean;
}

/**
 * Generates the key in the token (or finds the user's, with `existingKey`) and signs the CSR with
 * it. A key generated here is destroyed again when the CSR cannot be made, so nothing is orphaned.
 */
export async function makeTokenKeyAndCsr(
  inputs: CertificateRequestInputs,
): Promise<TokenKeyOutputs> {
  const settings = pkcs11Settings(inputs.pkcs11);
  if (settings.existingKey && inputs.rotateAfterHours !== undefined) {
    throw new CertplaneError(
      "pkcs11.existingKey (from config or the environment) cannot be combined with " +
        "rotateAfterHours: certplane never rotates a key it did not make. Remove one of them.",
    );
  }
  return withTokenSession(settings, async (token) => {
    const key = settings.existingKey
      ? existingTokenKey(token, settings.keyLabel, settings.tokenLabel)
      : generateTokenKey(
          token,
          {
            algorithm: inputs.algorithm ?? "RSA",
            rsaBits: inputs.rsaBits,
            ecdsaCurve: inputs.ecdsaCurve,
          },
          settings.keyLabel,
        );
    try {
      return await csrOutputs(token, key, settings, inputs);
    } catch (err) {
      if (!settings.existingKey) destroyKeyPair(token, key.label, key.idHex);
      throw err;
    }
  });
}

async function csrOutputs(
  token: TokenSession,
  key: TokenKey,
  settings: Pkcs11Settings,
  inputs: CertificateRequestInputs,
): Promise<TokenKeyOutputs> {
  const desc = describeKey(key.publicKey);
  if (desc.algorithm === "ECDSA" && !TOKEN_ECDSA_CURVES.some((c) => c === desc.ecdsaCurve)) {
    throw new CertplaneError(
      `The key "${key.label}" in token "${settings.tokenLabel}" uses curve ${desc.ecdsaCurve}; ` +
        "certplane signs with P-256 or P-384 in a token.",
    );
  }
  const certRequestPem = await buildCsrWithSigner(
    key.publicKey,
    (data) => signInToken(token, key, desc, data),
    inputs.subject,
    inputs,
  );
  const generated = !settings.existingKey;
  log.info(
    `CertificateRequest: ${generated ? "generated" : "using"} key "${key.label}" in PKCS#11 token ` +
      `"${settings.tokenLabel}" (serial ${token.tokenSerial}); its private half stays in the token.`,
  );
  return {
    algorithm: desc.algorithm,
    ...(desc.rsaBits !== undefined ? { rsaBits: desc.rsaBits } : {}),
    ...(desc.ecdsaCurve !== undefined ? { ecdsaCurve: desc.ecdsaCurve } : {}),
    keyGenerated: generated,
    ...publicOnlyForms(key.publicKey),
    certRequestPem,
    ...(generated ? { keyCreatedAt: formatInstant(now()) } : {}),
    pkcs11KeyLabel: key.label,
    pkcs11KeyId: key.idHex,
    pkcs11TokenSerial: token.tokenSerial,
    pkcs11KeyInToken: true,
  };
}

/** Whether the outputs describe a key kept in a token. */
export function isTokenKey(props: TokenKeyReference): boolean {
  return typeof props.pkcs11KeyId === "string" && typeof props.pkcs11KeyLabel === "string";
}

/** Whether the token still holds the private key the outputs name. */
export async function tokenKeyPresent(props: TokenKeyReference): Promise<boolean> {
  const settings = pkcs11Settings(props.pkcs11);
  return withTokenSession(
    settings,
    (token) =>
      findPrivateKey(token, props.pkcs11KeyLabel as string, props.pkcs11KeyId as string) !==
      undefined,
  );
}

/**
 * Removes the key pair the outputs name, unless certplane did not make it (`existingKey`) or
 * `keepKeyOnDelete` says keep it. A key already gone is fine.
 */
export async function removeTokenKey(props: TokenKeyReference): Promise<void> {
  const label = props.pkcs11KeyLabel as string;
  if (props.keyGenerated === false) return;
  // Decided before anything else is resolved: keeping the key must need nothing of the token.
  if (booleanField(resolvePkcs11(props.pkcs11), "keepKeyOnDelete")) {
    log.info(
      `CertificateRequest: keeping key "${label}" (CKA_ID ${props.pkcs11KeyId}) in its PKCS#11 ` +
        "token (pkcs11.keepKeyOnDelete).",
    );
    return;
  }
  const settings = pkcs11Settings(props.pkcs11);
  const destroyed = await withTokenSession(settings, (token) =>
    destroyKeyPair(token, label, props.pkcs11KeyId as string),
  );
  log.info(
    destroyed > 0
      ? `CertificateRequest: destroyed key "${label}" in PKCS#11 token "${settings.tokenLabel}".`
      : `CertificateRequest: key "${label}" was already gone from PKCS#11 token "${settings.tokenLabel}".`,
  );
}
