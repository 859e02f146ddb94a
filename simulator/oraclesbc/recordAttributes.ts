// The certificate-record attributes a simulated device knows, their defaults (vendor-apis.md 1.7)
// and the checks that make POST/PUT answer 400 with nothing changed.

/** Attribute name → default values (multi-valued attributes hold several). */
export const CERTIFICATE_RECORD_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  name: [""],
  country: ["US"],
  state: ["MA"],
  locality: ["Burlington"],
  organization: ["Engineering"],
  unit: [""],
  "common-name": [""],
  "key-size": ["2048"],
  "alternate-name": [""],
  trusted: ["enabled"],
  "key-usage-list": ["digitalSignature", "keyEncipherment"],
  "extended-key-usage-list": ["serverAuth"],
  "key-algor": ["rsa"],
};

/** Attribute values of one record. */
export type RecordAttributes = Record<string, string[]>;

const MAX_LENGTH: Readonly<Record<string, number>> = {
  name: 128,
  state: 128,
  locality: 128,
  organization: 64,
  unit: 64,
  "common-name": 64,
  "alternate-name": 1024,
};

const KEY_USAGES = new Set([
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
]);
const EXTENDED_KEY_USAGES = new Set(["serverAuth", "clientAuth"]);

/**
 * The first problem with one attribute, in the device's words, or undefined when valid.
 * @param name - attribute name
 * @param values - its values
 */
export function attributeProblem(name: string, values: readonly string[]): string | undefined {
  if (!(name in CERTIFICATE_RECORD_DEFAULTS)) return `Invalid attribute name: ${name}`;
  const value = values[0] ?? "";
  const max = MAX_LENGTH[name];
  if (max !== undefined && value.length > max)
    return `Invalid value for attribute ${name}: longer than ${max} characters`;
  switch (name) {
    case "country":
      return /^[A-Za-z]{2}$/.test(value)
        ? undefined
        : `Invalid value for attribute country: ${value} (2 letters)`;
    case "key-size":
      return ["1024", "2048", "4096"].includes(value)
        ? undefined
        : `Invalid value for attribute key-size: ${value} (1024, 2048 or 4096)`;
    case "key-algor":
      return ["rsa", "ecdsa"].includes(value)
        ? undefined
        : `Invalid value for attribute key-algor: ${value} (rsa or ecdsa)`;
    case "trusted":
      return ["enabled", "disabled"].includes(value)
        ? undefined
        : `Invalid value for attribute trusted: ${value}`;
    case "alternate-name": {
      const bad = alternateNameEntries(value).find((entry) => !/^(DNS|IP|email):\S+$/.test(entry));
      return bad === undefined
        ? undefined
        : `Invalid value for attribute alternate-name: ${bad} (IP:, DNS: or email: entries)`;
    }
    case "key-usage-list": {
      const bad = values.find((v) => !KEY_USAGES.has(v));
      return bad === undefined ? undefined : `Invalid value for attribute key-usage-list: ${bad}`;
    }
    case "extended-key-usage-list": {
      const bad = values.find((v) => !EXTENDED_KEY_USAGES.has(v));
      return bad === undefined
        ? undefined
        : `Invalid value for attribute extended-key-usage-list: ${bad}`;
    }
    default:
      return undefined;
  }
}

/**
 * The entries of an `alternate-name` value (a comma list; empty for "").
 * @param value - the attribute value
 */
export function alternateNameEntries(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** A fresh copy of the defaults. */
export function defaultAttributes(): RecordAttributes {
  return Object.fromEntries(
    Object.entries(CERTIFICATE_RECORD_DEFAULTS).map(([k, v]) => [k, [...v]]),
  );
}
