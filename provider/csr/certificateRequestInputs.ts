/**
 * The inputs of `CertificateRequest`: their types, and the `check` that validates and normalizes them.
 */
import {
  describeKey,
  ECDSA_CURVES,
  importPrivateKey,
  KEY_ALGORITHMS,
  RSA_BITS,
  type EcdsaCurve,
  type KeyAlgorithm,
} from "../core/keys";
import {
  InputChecker,
  isDnsName,
  isEmailAddress,
  isIpAddress,
  isUnknown,
  isUri,
  show,
  UNKNOWN,
  type CheckFailure,
} from "../core/validation";
import type { SubjectAltNames } from "./buildCsr";
import {
  attributeValueProblem,
  SUBJECT_ATTRIBUTES,
  type SubjectAttribute,
  type SubjectFields,
} from "./subjectAttributes";
import { inputDefault } from "../core/packageSchema";
import { MAX_ROTATE_AFTER_HOURS } from "../core/rotation";
import { checkPkcs11, checkTokenKeyCombination, type Pkcs11Input } from "./pkcs11Inputs";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:index:CertificateRequest";

/** Normalized inputs, as `check` returns them and `create` receives them. */
export interface CertificateRequestInputs extends SubjectAltNames {
  algorithm?: KeyAlgorithm;
  rsaBits?: number;
  ecdsaCurve?: EcdsaCurve;
  /** Bring-your-own key (secret). When set, algorithm/rsaBits/ecdsaCurve are not. */
  privateKeyPem?: string;
  /** A PKCS#11 token to generate (or find) the key in; the PIN inside is secret. */
  pkcs11?: Pkcs11Input;
  subject?: SubjectFields;
  /** Age in hours at which the generated key is replaced (never with privateKeyPem). */
  rotateAfterHours?: number;
}

/** Validates and normalizes `news`; never touches the network. */
export function checkCertificateRequest(news: Record<string, unknown>): {
  inputs: CertificateRequestInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
} {
  const c = new InputChecker();
  const inputs: CertificateRequestInputs = {};
  const byoKey = c.string("privateKeyPem", news.privateKeyPem, { secret: true });

  if (byoKey !== undefined) {
    const given = ["algorithm", "rsaBits", "ecdsaCurve"].filter(
      (k) => news[k] !== undefined && news[k] !== null,
    );
    if (given.length > 0) {
      c.fail(
        "privateKeyPem",
        `privateKeyPem (bring your own key) cannot be combined with ${given.join(", ")}: the key decides ` +
          `its own algorithm and size. Remove ${given.join(", ")}, or remove privateKeyPem to have a key generated.`,
      );
    }
    if (!isUnknown(byoKey)) checkOwnKey(c, byoKey);
    inputs.privateKeyPem = byoKey;
  } else {
    const algorithm = c.oneOf(
      "algorithm",
      news.algorithm,
      KEY_ALGORITHMS,
      inputDefault<KeyAlgorithm>(RESOURCE, "algorithm"),
    );
    inputs.algorithm = algorithm;
    if (algorithm === undefined || isUnknown(algorithm)) {
      // Unresolved in preview (or already reported as invalid): which size parameter applies is not
      // known, so check only what was given and default nothing; the real `up` checks again.
      inputs.rsaBits = c.integer("rsaBits", news.rsaBits, { allowed: RSA_BITS });
      inputs.ecdsaCurve = c.oneOf("ecdsaCurve", news.ecdsaCurve, ECDSA_CURVES);
    } else {
      inputs.rsaBits = algorithmParameter(c, algorithm, "RSA", "rsaBits", news.rsaBits, () =>
        c.integer("rsaBits", news.rsaBits, {
          allowed: RSA_BITS,
          fallback: inputDefault<number>(RESOURCE, "rsaBits"),
        }),
      );
      inputs.ecdsaCurve = algorithmParameter(
        c,
        algorithm,
        "ECDSA",
        "ecdsaCurve",
        news.ecdsaCurve,
        () =>
          c.oneOf(
            "ecdsaCurve",
            news.ecdsaCurve,
            ECDSA_CURVES,
            inputDefault<EcdsaCurve>(RESOURCE, "ecdsaCurve"),
          ),
      );
    }
  }

  const pkcs11 = checkPkcs11(c, news.pkcs11);
  if (pkcs11 !== undefined) {
    checkTokenKeyCombination(c, pkcs11, news, inputs);
    inputs.pkcs11 = pkcs11;
  }

  inputs.subject = checkSubject(c, news.subject);
  inputs.dnsNames = c.stringList("dnsNames", news.dnsNames, {
    check: isDnsName,
    allowed: 'a DNS name such as "api.example.com" or "*.example.com"',
  });
  inputs.ipAddresses = c.stringList("ipAddresses", news.ipAddresses, {
    check: isIpAddress,
    allowed: 'an IPv4 or IPv6 address such as "10.0.0.1"',
  });
  inputs.uris = c.stringList("uris", news.uris, {
    check: isUri,
    allowed: 'an absolute URI such as "spiffe://example.org/service"',
  });
  inputs.emailAddresses = c.stringList("emailAddresses", news.emailAddresses, {
    check: isEmailAddress,
    allowed: 'an e-mail address such as "ops@example.com"',
  });

  inputs.rotateAfterHours = checkRotateAfterHours(c, news.rotateAfterHours, byoKey);

  const identifies =
    Object.values(inputs.subject ?? {}).some(
      (v) => v !== undefined && (!Array.isArray(v) || v.length > 0),
    ) ||
    [inputs.dnsNames, inputs.ipAddresses, inputs.uris, inputs.emailAddresses].some(
      (l) => l !== undefined && l.length > 0,
    );
  if (!identifies && c.failures.length === 0) {
    c.fail(
      "subject",
      "subject is empty and no subject alternative name is given: a CSR must name what it is for. Set subject.commonName or one of dnsNames, ipAddresses, uris, emailAddresses.",
    );
  }
  return { inputs: dropAbsent(inputs), failures: c.failures, checked: c.checked };
}

/**
 * `rotateAfterHours`: a whole number of hours, and only for a key certplane generates — rotation
 * means making a new key, which certplane cannot do for a key it was given.
 */
function checkRotateAfterHours(
  c: InputChecker,
  value: unknown,
  byoKey: string | undefined,
): number | undefined {
  const hours = c.integer("rotateAfterHours", value, { min: 1, max: MAX_ROTATE_AFTER_HOURS });
  // Both must be known: an unknown (preview) may still resolve to nothing; the `up` checks again.
  const both = [hours, byoKey].every((v) => v !== undefined && !isUnknown(v));
  if (both) {
    c.fail(
      "rotateAfterHours",
      `rotateAfterHours cannot be combined with privateKeyPem (bring your own key); got ` +
        `rotateAfterHours ${show(value)}: certplane cannot make a new key for a key you bring. ` +
        "Remove rotateAfterHours and rotate the key where it is made, or remove privateKeyPem to " +
        "have certplane generate and rotate the key.",
    );
    return undefined;
  }
  return hours;
}

/** A size parameter that belongs to one algorithm: read it for that one, reject it for the others. */
function algorithmParameter<T>(
  c: InputChecker,
  algorithm: KeyAlgorithm,
  owner: KeyAlgorithm,
  property: string,
  given: unknown,
  read: () => T | undefined,
): T | undefined {
  if (algorithm === owner) return read();
  if (given !== undefined && given !== null) {
    c.fail(
      property,
      `${property} applies only to algorithm "${owner}"; got ${property} ${show(given)} with algorithm ` +
        `"${algorithm}". Remove ${property}.`,
    );
  }
  return undefined;
}

function checkOwnKey(c: InputChecker, pem: string): void {
  try {
    const desc = describeKey(importPrivateKey(pem));
    if (desc.algorithm === "RSA" && (desc.rsaBits ?? 0) < 2048) {
      c.fail(
        "privateKeyPem",
        `privateKeyPem is a ${desc.rsaBits}-bit RSA key; at least 2048 bits are required.`,
      );
    }
  } catch (err) {
    c.fail("privateKeyPem", `privateKeyPem ${(err as Error).message}.`);
  }
}

function checkSubject(c: InputChecker, value: unknown): SubjectFields | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return UNKNOWN as unknown as SubjectFields;
  if (typeof value !== "object" || Array.isArray(value)) {
    c.fail(
      "subject",
      `subject must be an object such as {commonName: "nso-user"}; got ${show(value)}.`,
    );
    return undefined;
  }
  const given = value as Record<string, unknown>;
  const known = SUBJECT_ATTRIBUTES.map((attribute) => attribute.field as string);
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      c.fail(
        `subject.${key}`,
        `subject.${key} is not a subject field; allowed: ${known.join(", ")}.`,
      );
    }
  }
  const subject: Record<string, unknown> = {};
  for (const attribute of SUBJECT_ATTRIBUTES) {
    const property = `subject.${attribute.field}`;
    if (attribute.field === "streetAddresses") {
      const streets = c.stringList(property, given.streetAddresses);
      if (streets === undefined || (!isUnknown(streets) && streets.length === 0)) continue;
      if (!isUnknown(streets)) {
        streets.forEach((street, i) => checkValue(c, `${property}[${i}]`, attribute, street));
      }
      subject.streetAddresses = streets;
    } else if (attribute.field === "country") {
      const country = c.string(property, given.country, {
        test: {
          ok: (s) => /^[A-Za-z]{2}$/.test(s),
          allowed: 'a two-letter ISO 3166 country code such as "US"',
        },
      });
      if (country !== undefined)
        subject.country = isUnknown(country) ? country : country.toUpperCase();
    } else {
      const v = c.string(property, given[attribute.field]);
      if (v === undefined || v === "") continue;
      if (checkValue(c, property, attribute, v) && attribute.field === "emailAddress") {
        checkEmailAddress(c, v);
      }
      subject[attribute.field] = v;
    }
  }
  return Object.keys(subject).length > 0 ? (subject as SubjectFields) : undefined;
}

/**
 * Fails `property` when the CSR's attribute cannot hold `value` (its string type or length bound), so
 * the problem shows at check — in preview — and never as a failed create. True when the value fits.
 */
function checkValue(
  c: InputChecker,
  property: string,
  attribute: SubjectAttribute,
  value: string,
): boolean {
  if (isUnknown(value)) return false;
  const problem = attributeValueProblem(property, attribute, value);
  if (problem !== undefined) c.fail(property, problem);
  return problem === undefined;
}

function checkEmailAddress(c: InputChecker, value: string): void {
  if (!isEmailAddress(value)) {
    c.fail(
      "subject.emailAddress",
      `subject.emailAddress must be an e-mail address such as "ops@example.com"; got ${show(value)}.`,
    );
  }
}

/** Drops absent values and empty lists, so `[]` and "not given" normalize to the same input. */
function dropAbsent<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  }
  return out as T;
}
