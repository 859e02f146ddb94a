/** The inputs of `appviewx.SshCertificate` and their `check` (no network). */
import sshpk from "sshpk";
import { InputChecker, isUnknown, type CheckFailure } from "../core/validation";
import { inputDefault } from "../core/packageSchema";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:appviewx:SshCertificate";
const DEFAULT_EARLY_RENEWAL_HOURS = inputDefault<number>(RESOURCE, "earlyRenewalHours");

/** validityUnit values certplane accepts and their length in hours (months = 30 days, years = 365). */
export const VALIDITY_UNIT_HOURS: Record<string, number> = {
  hours: 1,
  days: 24,
  weeks: 168,
  months: 720,
  years: 8760,
};

/** Revocation settings: when set, renewal and key-unchanged replacement revoke first, and destroy revokes. */
export interface RevocationInputs {
  /** The key compliance group AppViewX's revoke API requires. */
  groupName: string;
  reason?: string;
}

/** Normalized inputs. */
export interface SshCertificateInputs {
  publicKey: string;
  certType: "User" | "Host";
  principals: string[];
  validityValue: number;
  validityUnit: string;
  certificateIdentity: string;
  caName: string;
  earlyRenewalHours: number;
  revocation?: RevocationInputs;
  connection?: Record<string, unknown>;
}

/** `SHA256:…` of an OpenSSH public key, or undefined when it does not parse. */
export function publicKeyFingerprint(publicKey: string): string | undefined {
  try {
    return sshpk.parseKey(publicKey, "ssh").fingerprint("sha256").toString();
  } catch {
    return undefined;
  }
}

/** Validates and normalizes `news`. */
export function checkSshCertificate(news: Record<string, unknown>): {
  inputs: SshCertificateInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
} {
  const c = new InputChecker();
  const publicKey = c.requiredString("publicKey", news.publicKey, {
    test: {
      ok: (v) => publicKeyFingerprint(v) !== undefined,
      allowed: 'an OpenSSH public key such as "ssh-ed25519 AAAA… comment"',
    },
  });
  const certType = c.requiredString("certType", news.certType, {
    test: { ok: (v) => v === "User" || v === "Host", allowed: '"User" or "Host"' },
  });
  const principals = c.stringList(
    "principals",
    news.principals,
    {
      check: (p) => p.length > 0 && !p.includes(",") && !/\s/.test(p),
      allowed: "names without commas or spaces",
    },
    { nonEmpty: true },
  );
  const validityValue = c.integer("validityValue", news.validityValue, { min: 1 });
  if (news.validityValue === undefined)
    c.fail("validityValue", "validityValue is required: a whole number greater than zero.");
  let validityUnit = c.requiredString("validityUnit", news.validityUnit, {
    test: {
      ok: (v) => v.toLowerCase() in VALIDITY_UNIT_HOURS,
      allowed: Object.keys(VALIDITY_UNIT_HOURS).join(", "),
    },
  });
  if (validityUnit !== undefined && !isUnknown(validityUnit))
    validityUnit = validityUnit.toLowerCase();
  const certificateIdentity = c.requiredString("certificateIdentity", news.certificateIdentity, {
    maxLength: 255,
  });
  const caName = c.requiredString("caName", news.caName, { maxLength: 255 });
  const earlyRenewalHours =
    c.integer("earlyRenewalHours", news.earlyRenewalHours, {
      min: 0,
      fallback: DEFAULT_EARLY_RENEWAL_HOURS,
    }) ?? DEFAULT_EARLY_RENEWAL_HOURS;
  if (
    validityValue !== undefined &&
    !isUnknown(validityValue) &&
    validityUnit !== undefined &&
    !isUnknown(validityUnit) &&
    !isUnknown(earlyRenewalHours) &&
    VALIDITY_UNIT_HOURS[validityUnit] !== undefined
  ) {
    const hours = validityValue * VALIDITY_UNIT_HOURS[validityUnit];
    if (earlyRenewalHours >= hours) {
      c.fail(
        "earlyRenewalHours",
        `earlyRenewalHours must be smaller than the validity (${hours} hours); got ${earlyRenewalHours}.`,
      );
    }
  }
  let revocation: RevocationInputs | undefined;
  if (news.revocation !== undefined && news.revocation !== null && !isUnknown(news.revocation)) {
    const r = news.revocation as Record<string, unknown>;
    const groupName = c.requiredString("revocation.groupName", r.groupName);
    const reason = c.string("revocation.reason", r.reason, { maxLength: 255 });
    revocation = { groupName: groupName as string, ...(reason !== undefined ? { reason } : {}) };
  }
  const inputs: SshCertificateInputs = {
    publicKey: publicKey as string,
    certType: certType as "User" | "Host",
    principals: principals as string[],
    validityValue: validityValue as number,
    validityUnit: validityUnit as string,
    certificateIdentity: certificateIdentity as string,
    caName: caName as string,
    earlyRenewalHours,
  };
  if (revocation) inputs.revocation = revocation;
  const connection = c.connection(news.connection);
  if (connection !== undefined) inputs.connection = connection;
  return { inputs, failures: c.failures, checked: c.checked };
}
