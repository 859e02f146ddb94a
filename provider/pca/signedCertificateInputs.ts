/**
 * The inputs of `pca.SignedCertificate` and the `check` that validates them without the network.
 */
import { importPrivateKey } from "../core/keys";
import { describePem, hasPemBlock } from "../core/pem";
import { InputChecker, isUnknown, type CheckFailure } from "../core/validation";
import { parseCsr, spkiSha256 } from "../core/x509";
import { inputDefault } from "../core/packageSchema";
import { checkPkcs11, type Pkcs11Input } from "../csr/pkcs11Inputs";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:pca:SignedCertificate";
/** Seed 000's example duration: 2160 hours (90 days). */
const DEFAULT_CERT_DURATION_HOURS = inputDefault<number>(RESOURCE, "certDurationHours");
const DEFAULT_EARLY_RENEWAL_HOURS = inputDefault<number>(RESOURCE, "earlyRenewalHours");

/** Ten years: far beyond anything PCA is documented to sign, so a typo in the unit is caught. */
export const MAX_CERT_DURATION_HOURS = 87_600;
const ROLE = /^[A-Za-z0-9_.-]+$/;
const USERNAME = /^[^\s,=+<>#;"\\]+$/;

/** Normalized inputs. */
export interface SignedCertificateInputs {
  certRequestPem: string;
  requestedUsername: string;
  assignedRoles: string[];
  certDurationHours: number;
  /** The CSR's key (secret): when set, create and refresh validate the certificate over mTLS. */
  privateKeyPem?: string;
  /**
   * The CSR's key in a PKCS#11 token (the settings as given; the rest resolve from config or env):
   * when set, create, update and refresh validate over mTLS with the key staying in the token.
   */
  pkcs11?: Pkcs11Input;
  earlyRenewalHours: number;
  connection?: Record<string, unknown>;
}

/** Token settings about making or keeping a key: they mean nothing for validating with one. */
const KEY_MAKING_SETTINGS = ["existingKey", "keepKeyOnDelete"] as const;

/** Validates and normalizes `news`. */
export async function checkSignedCertificate(news: Record<string, unknown>): Promise<{
  inputs: SignedCertificateInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
}> {
  const c = new InputChecker();
  const certRequestPem = c.requiredString("certRequestPem", news.certRequestPem);
  let csrKey: string | undefined;
  if (certRequestPem !== undefined && !isUnknown(certRequestPem)) {
    try {
      const csr = await parseCsr(certRequestPem);
      if (!csr.signatureValid)
        c.fail(
          "certRequestPem",
          "certRequestPem's signature does not verify; give the CSR as generated.",
        );
      csrKey = csr.publicKeySha256;
    } catch {
      const seen = hasPemBlock(certRequestPem, "CERTIFICATE REQUEST")
        ? "a CERTIFICATE REQUEST block that does not parse"
        : describePem(certRequestPem);
      c.fail(
        "certRequestPem",
        `certRequestPem must be a PEM PKCS#10 request ("-----BEGIN CERTIFICATE REQUEST-----"), e.g. a CertificateRequest's certRequestPem; got ${seen}.`,
      );
    }
  }
  const requestedUsername = c.requiredString("requestedUsername", news.requestedUsername, {
    maxLength: 64,
    test: {
      ok: (v) => USERNAME.test(v),
      allowed: 'a user name without spaces or the characters , = + < > # ; " \\',
    },
  });
  const assignedRoles =
    c.stringList("assignedRoles", news.assignedRoles ?? [], {
      check: (role) => ROLE.test(role),
      allowed: "role names of letters, digits, '_', '.' and '-' (e.g. tenant-admin)",
    }) ?? [];
  const certDurationHours =
    c.integer("certDurationHours", news.certDurationHours, {
      min: 1,
      max: MAX_CERT_DURATION_HOURS,
      fallback: DEFAULT_CERT_DURATION_HOURS,
    }) ?? DEFAULT_CERT_DURATION_HOURS;
  const earlyRenewalHours =
    c.integer("earlyRenewalHours", news.earlyRenewalHours, {
      min: 0,
      fallback: DEFAULT_EARLY_RENEWAL_HOURS,
    }) ?? DEFAULT_EARLY_RENEWAL_HOURS;
  if (
    !isUnknown(earlyRenewalHours) &&
    !isUnknown(certDurationHours) &&
    earlyRenewalHours >= certDurationHours
  ) {
    c.fail(
      "earlyRenewalHours",
      `earlyRenewalHours must be smaller than certDurationHours (${certDurationHours}); got ${earlyRenewalHours}.`,
    );
  }
  const privateKeyPem = c.string("privateKeyPem", news.privateKeyPem, { secret: true });
  if (privateKeyPem !== undefined && !isUnknown(privateKeyPem)) {
    try {
      const key = importPrivateKey(privateKeyPem);
      if (csrKey !== undefined && spkiSha256(key) !== csrKey) {
        c.fail(
          "privateKeyPem",
          "privateKeyPem is not the key of certRequestPem; give the key the CSR was made with.",
        );
      }
    } catch {
      c.fail("privateKeyPem", "privateKeyPem must be a PEM private key (PKCS#8, PKCS#1 or SEC1).");
    }
  }
  const pkcs11 = checkValidationToken(c, news.pkcs11, privateKeyPem);
  const connection = c.connection(news.connection);
  const inputs: SignedCertificateInputs = {
    certRequestPem: certRequestPem as string,
    requestedUsername: requestedUsername as string,
    assignedRoles,
    certDurationHours,
    earlyRenewalHours,
  };
  if (privateKeyPem !== undefined) inputs.privateKeyPem = privateKeyPem;
  if (pkcs11 !== undefined) inputs.pkcs11 = pkcs11;
  if (connection !== undefined) inputs.connection = connection;
  return { inputs, failures: c.failures, checked: c.checked };
}

/**
 * The `pkcs11` argument: the token key to validate with (fields checked against the schema's
 * `certplane:index:Pkcs11`), never beside `privateKeyPem`, and without the settings that only
 * make sense for a `CertificateRequest` generating a key.
 */
function checkValidationToken(
  c: InputChecker,
  value: unknown,
  privateKeyPem: unknown,
): Pkcs11Input | undefined {
  const pkcs11 = checkPkcs11(c, value);
  if (pkcs11 === undefined) return undefined;
  if (privateKeyPem !== undefined) {
    c.fail(
      "pkcs11",
      "pkcs11 (validate with the CSR's key in a PKCS#11 token) cannot be combined with " +
        "privateKeyPem (validate with a PEM key). Remove one of them.",
    );
  }
  if (isUnknown(pkcs11)) return pkcs11;
  for (const setting of KEY_MAKING_SETTINGS) {
    if (pkcs11[setting] !== undefined) {
      c.fail(
        `pkcs11.${setting}`,
        `pkcs11.${setting} is a CertificateRequest setting (how its key is made and kept); ` +
          "SignedCertificate's pkcs11 only names the key to validate with: module, tokenLabel, " +
          `pin, keyLabel. Remove ${setting}.`,
      );
    }
  }
  return pkcs11;
}
