/**
 * Input validation for `check` hooks.
 *
 * Every failure names the Args property, shows the value seen (never a secret's) and says what is
 * allowed. During preview an input that is not resolved yet arrives as the engine's unknown sentinel,
 * whatever its declared type; every helper here passes it through untouched instead of failing on it.
 */
import { isIP } from "node:net";
import { formatInstant } from "./instant";

/** The engine's placeholder for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether `value` is the unknown sentinel. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Whether `value` is, or contains at any depth, the unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** A check failure as Pulumi's dynamic provider interface expects it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** How a value is shown in a failure: JSON, shortened, or hidden for secrets. */
export function show(value: unknown, secret = false): string {
  if (secret) return "a value (hidden: it is secret)";
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Options shared by the string helpers. */
export interface StringRules {
  secret?: boolean;
  /** Maximum length in characters. */
  maxLength?: number;
  minLength?: number;
  /** A predicate plus the wording of what it allows. */
  test?: { ok: (value: string) => boolean; allowed: string };
}

/**
 * Collects failures while normalizing one resource's inputs. Each helper returns the normalized value
 * (or the unknown sentinel unchanged, or undefined when absent/invalid).
 */
export class InputChecker {
  readonly failures: CheckFailure[] = [];
  /**
   * The top-level inputs this checker looked at (`principals` for `principals[2]`): the ones the
   * resource's validator owns, which the schema's generic check then leaves alone.
   */
  readonly checked = new Set<string>();

  /** Records a failure. */
  fail(property: string, reason: string): void {
    this.note(property);
    this.failures.push({ property, reason });
  }

  /** Records that `property` was looked at. */
  note(property: string): void {
    this.checked.add(/^[^.[]*/.exec(property)?.[0] ?? property);
  }

  /** An optional string. */
  string(property: string, value: unknown, rules: StringRules = {}): string | undefined {
    this.note(property);
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value !== "string") {
      this.fail(property, `${property} must be a string; got ${show(value, rules.secret)}.`);
      return undefined;
    }
    if (rules.minLength !== undefined && value.length < rules.minLength) {
      this.fail(
        property,
        `${property} must have at least ${rules.minLength} character(s); got ${show(value, rules.secret)}.`,
      );
      return undefined;
    }
    if (rules.maxLength !== undefined && value.length > rules.maxLength) {
      this.fail(
        property,
        `${property} must have at most ${rules.maxLength} characters; got ${value.length}` +
          (rules.secret ? "." : `: ${show(value)}.`),
      );
      return undefined;
    }
    if (rules.test && !rules.test.ok(value)) {
      this.fail(
        property,
        `${property} must be ${rules.test.allowed}; got ${show(value, rules.secret)}.`,
      );
      return undefined;
    }
    return value;
  }

  /** A required string: absent or empty is a failure. */
  requiredString(property: string, value: unknown, rules: StringRules = {}): string | undefined {
    this.note(property);
    if (value === undefined || value === null || value === "") {
      this.fail(
        property,
        `${property} is required${rules.test ? ` (${rules.test.allowed})` : ""}; got ` +
          `${value === "" ? '""' : "nothing"}.`,
      );
      return undefined;
    }
    return this.string(property, value, { minLength: 1, ...rules });
  }

  /**
   * One of `allowed` (matched case-insensitively, returned in its canonical spelling).
   * @default fallback - undefined (absent stays absent)
   */
  oneOf<T extends string>(
    property: string,
    value: unknown,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    this.note(property);
    if (value === undefined || value === null || value === "") return fallback;
    if (isUnknown(value)) return UNKNOWN as T;
    const match =
      typeof value === "string"
        ? allowed.find((a) => a.toLowerCase() === value.toLowerCase())
        : undefined;
    if (match === undefined) {
      this.fail(
        property,
        `${property} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}; got ${show(value)}.`,
      );
      return undefined;
    }
    return match;
  }

  /** An integer, optionally within [min, max] or in an allowed set. */
  integer(
    property: string,
    value: unknown,
    rules: { min?: number; max?: number; allowed?: readonly number[]; fallback?: number } = {},
  ): number | undefined {
    this.note(property);
    if (value === undefined || value === null || value === "") return rules.fallback;
    if (isUnknown(value)) return UNKNOWN as unknown as number;
    const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    const allowedText = rules.allowed
      ? `one of ${rules.allowed.join(", ")}`
      : rules.min !== undefined && rules.max !== undefined
        ? `a whole number from ${rules.min} to ${rules.max}`
        : rules.min !== undefined
          ? `a whole number of at least ${rules.min}`
          : "a whole number";
    if (typeof n !== "number" || !Number.isInteger(n)) {
      this.fail(property, `${property} must be ${allowedText}; got ${show(value)}.`);
      return undefined;
    }
    if (
      (rules.allowed && !rules.allowed.includes(n)) ||
      (rules.min !== undefined && n < rules.min) ||
      (rules.max !== undefined && n > rules.max)
    ) {
      this.fail(property, `${property} must be ${allowedText}; got ${show(value)}.`);
      return undefined;
    }
    return n;
  }

  /** A boolean (also "true"/"false" text, as config may carry). */
  boolean(property: string, value: unknown, fallback?: boolean): boolean | undefined {
    this.note(property);
    if (value === undefined || value === null || value === "") return fallback;
    if (isUnknown(value)) return UNKNOWN as unknown as boolean;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    this.fail(property, `${property} must be true or false; got ${show(value)}.`);
    return undefined;
  }

  /** A list of strings, each checked by `item` (which returns an error text or undefined). */
  stringList(
    property: string,
    value: unknown,
    item?: { check: (s: string) => boolean; allowed: string },
    rules: { nonEmpty?: boolean } = {},
  ): string[] | undefined {
    this.note(property);
    if (value === undefined || value === null) {
      if (rules.nonEmpty)
        this.fail(property, `${property} must list at least one entry; got nothing.`);
      return undefined;
    }
    if (isUnknown(value)) return UNKNOWN as unknown as string[];
    if (!Array.isArray(value)) {
      this.fail(property, `${property} must be a list of strings; got ${show(value)}.`);
      return undefined;
    }
    if (rules.nonEmpty && value.length === 0) {
      this.fail(property, `${property} must list at least one entry; got [].`);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((entry, i) => {
      if (isUnknown(entry)) {
        out.push(UNKNOWN);
        return;
      }
      if (typeof entry !== "string" || entry === "") {
        this.fail(
          `${property}[${i}]`,
          `${property}[${i}] must be a non-empty string; got ${show(entry)}.`,
        );
        return;
      }
      if (item && !item.check(entry)) {
        this.fail(
          `${property}[${i}]`,
          `${property}[${i}] must be ${item.allowed}; got ${show(entry)}.`,
        );
        return;
      }
      out.push(entry);
    });
    return out;
  }

  /**
   * The `connection` argument: an object whose fields resolve at create (arg → config → env).
   * Anything else would be silently ignored there, so it is refused here — by kind only, since a
   * connection given as text may well be a token.
   */
  connection(value: unknown): Record<string, unknown> | undefined {
    this.note("connection");
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return UNKNOWN as unknown as Record<string, unknown>;
    if (typeof value !== "object" || Array.isArray(value)) {
      const kind = Array.isArray(value)
        ? "a list"
        : typeof value === "string"
          ? "text"
          : `a ${typeof value}`;
      this.fail(
        "connection",
        `connection must be an object of connection settings (url, credentials, caCertPem, …); got ${kind}.`,
      );
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  /** An RFC 3339 timestamp, returned in the one time format (`YYYY-MM-DDTHH:MM:SSZ`, UTC). */
  rfc3339(
    property: string,
    value: unknown,
    rules: { required?: boolean } = {},
  ): string | undefined {
    this.note(property);
    if (value === undefined || value === null || value === "") {
      if (rules.required)
        this.fail(
          property,
          `${property} is required (an RFC 3339 time such as "2027-01-31T00:00:00Z"); got nothing.`,
        );
      return undefined;
    }
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value !== "string" || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(
        property,
        `${property} must be an RFC 3339 time such as "2027-01-31T00:00:00Z"; got ${show(value)}.`,
      );
      return undefined;
    }
    return formatInstant(value);
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A DNS name: labels of letters, digits and hyphens, optionally a leading `*.` wildcard. */
export function isDnsName(value: string): boolean {
  if (value.length > 253) return false;
  const name = value.startsWith("*.") ? value.slice(2) : value;
  return name
    .split(".")
    .every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/** An IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}

/** An absolute URI with a scheme (`https://…`, `spiffe://…`, `urn:…`). */
export function isUri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** An e-mail address (local@domain, domain a DNS name). */
export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  return at > 0 && at < value.length - 1 && !/\s/.test(value) && isDnsName(value.slice(at + 1));
}
