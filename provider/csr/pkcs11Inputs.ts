/**
 * `check` of the `pkcs11` argument of `CertificateRequest`: its shape and field kinds (read from the
 * schema's `certplane:index:Pkcs11` type), and the combinations a token key cannot take. It never
 * opens the token: that happens at create, where fields may also come from config or env.
 */
import { objectTypeSchema } from "../core/packageSchema";
import { InputChecker, isUnknown, show, UNKNOWN } from "../core/validation";
import { PKCS11_TYPE } from "./pkcs11Settings";
import { TOKEN_ECDSA_CURVES, TOKEN_RSA_BITS } from "./tokenKeys";

/** The `pkcs11` argument as check returns it: the fields given, absent ones left out. */
export type Pkcs11Input = Record<string, string | boolean>;

/** Validates the `pkcs11` argument; undefined when it is not given. */
export function checkPkcs11(c: InputChecker, value: unknown): Pkcs11Input | undefined {
  c.note("pkcs11");
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN as unknown as Pkcs11Input;
  const { properties } = objectTypeSchema(PKCS11_TYPE);
  if (typeof value !== "object" || Array.isArray(value)) {
    c.fail(
      "pkcs11",
      `pkcs11 must be an object of token settings (${Object.keys(properties).join(", ")}); got ` +
        `${Array.isArray(value) ? "a list" : typeof value === "string" ? "text" : `a ${typeof value}`}.`,
    );
    return undefined;
  }
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in properties))
      c.fail(
        `pkcs11.${key}`,
        `pkcs11.${key} is not a token setting; allowed: ${Object.keys(properties).join(", ")}.`,
      );
  }
  const out: Record<string, unknown> = {};
  for (const [field, property] of Object.entries(properties)) {
    const property_ = `pkcs11.${field}`;
    const v =
      property.type === "boolean"
        ? c.boolean(property_, given[field])
        : c.string(property_, given[field], { secret: property.secret });
    if (v !== undefined && v !== "") out[field] = v;
  }
  return out as Pkcs11Input;
}

/**
 * The combinations a token key refuses: a PEM key beside it, a kind the token path does not make
 * (Ed25519, P-521, which many HSMs lack), and rotation or key parameters for a key the user brings.
 */
export function checkTokenKeyCombination(
  c: InputChecker,
  pkcs11: Pkcs11Input,
  news: Record<string, unknown>,
  chosen: { algorithm?: unknown; ecdsaCurve?: unknown; rsaBits?: unknown },
): void {
  if (news.privateKeyPem !== undefined && news.privateKeyPem !== null) {
    c.fail(
      "pkcs11",
      "pkcs11 (a key generated in a token) cannot be combined with privateKeyPem (a key you give as " +
        "PEM). Remove one of them.",
    );
    return;
  }
  if (chosen.algorithm === "ED25519") {
    c.fail(
      "algorithm",
      'algorithm "ED25519" is not made in a PKCS#11 token; with pkcs11 use "RSA" (rsaBits ' +
        `${TOKEN_RSA_BITS.join(", ")}) or "ECDSA" (ecdsaCurve ${TOKEN_ECDSA_CURVES.join(", ")}).`,
    );
  }
  if (
    typeof chosen.ecdsaCurve === "string" &&
    !(TOKEN_ECDSA_CURVES as readonly string[]).includes(chosen.ecdsaCurve)
  ) {
    c.fail(
      "ecdsaCurve",
      `ecdsaCurve ${show(chosen.ecdsaCurve)} is not made in a PKCS#11 token (many HSMs lack it); ` +
        `with pkcs11 use ${TOKEN_ECDSA_CURVES.join(" or ")}.`,
    );
  }
  if (isUnknown(pkcs11) || pkcs11.existingKey !== true) return;
  const given = ["algorithm", "rsaBits", "ecdsaCurve", "rotateAfterHours"].filter(
    (k) => news[k] !== undefined && news[k] !== null,
  );
  if (given.length > 0) {
    c.fail(
      "pkcs11.existingKey",
      `pkcs11.existingKey (use the key already in the token) cannot be combined with ${given.join(", ")}: ` +
        "the key decides its own algorithm and size, and certplane never rotates a key it did not " +
        `make. Remove ${given.join(", ")}, or remove existingKey to have a key generated.`,
    );
  }
}
