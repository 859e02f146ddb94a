/**
 * The inputs of `oraclesbc.CertificateRecord`, their `check`, and their mapping onto the
 * certificate-record attributes of vendor-apis.md 1.7.
 */
import { InputChecker, isUnknown, type CheckFailure } from "../core/validation";
import type { SbcAttributes } from "./xml";
import { inputDefault } from "../core/packageSchema";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:oraclesbc:CertificateRecord";

/** Normalized inputs. */
export interface CertificateRecordInputs {
  name: string;
  commonName?: string;
  country?: string;
  state?: string;
  locality?: string;
  organization?: string;
  unit?: string;
  alternateNames?: string[];
  keySize: number;
  keyAlgorithm: "rsa" | "ecdsa";
  keyUsages?: string[];
  extendedKeyUsages?: string[];
  saveAndActivate: boolean;
  adoptExisting: boolean;
  connection?: Record<string, unknown>;
}

/**
 * Key sizes accepted. The device also offers 1024, which certplane refuses: 1024-bit RSA has been
 * disallowed for TLS certificates since 2013 (CA/Browser Forum baseline) and no public or sane
 * private CA signs it, so accepting it would only fail later at the signer.
 */
export const KEY_SIZES = [2048, 4096] as const;
/** Key algorithms the device knows (`key-algor`). */
export const KEY_ALGORITHMS = ["rsa", "ecdsa"] as const;
/** `key-usage-list` values. */
export const KEY_USAGES = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
/** `extended-key-usage-list` values. */
export const EXTENDED_KEY_USAGES = ["serverAuth", "clientAuth"] as const;

/** Input property → device attribute, for the attributes that form the record. */
export const ATTRIBUTE_OF: ReadonlyArray<[keyof CertificateRecordInputs, string]> = [
  ["commonName", "common-name"],
  ["country", "country"],
  ["state", "state"],
  ["locality", "locality"],
  ["organization", "organization"],
  ["unit", "unit"],
  ["alternateNames", "alternate-name"],
  ["keySize", "key-size"],
  ["keyAlgorithm", "key-algor"],
  ["keyUsages", "key-usage-list"],
  ["extendedKeyUsages", "extended-key-usage-list"],
];

/** The device defaults (vendor-apis.md 1.7), sent when an input is removed so the record follows. */
export const DEVICE_DEFAULTS: Readonly<Record<string, string[]>> = {
  "common-name": [""],
  country: ["US"],
  state: ["MA"],
  locality: ["Burlington"],
  organization: ["Engineering"],
  unit: [""],
  "alternate-name": [""],
  "key-size": ["2048"],
  "key-algor": ["rsa"],
  "key-usage-list": ["digitalSignature", "keyEncipherment"],
  "extended-key-usage-list": ["serverAuth"],
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ALT_NAME = /^(DNS:[A-Za-z0-9*._-]+|IP:[0-9A-Fa-f.:]+|email:[^\s,@]+@[^\s,@]+)$/;

/**
 * Validates and normalizes `news`; never calls the device.
 * @param news - raw inputs
 */
export function checkCertificateRecord(news: Record<string, unknown>): {
  inputs: CertificateRecordInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
} {
  const c = new InputChecker();
  const str = (prop: string, max: number) =>
    c.string(prop, news[prop], { minLength: 1, maxLength: max });
  const inputs: CertificateRecordInputs = {
    name: c.requiredString("name", news.name, {
      test: {
        ok: (v) => NAME.test(v),
        allowed: "1-128 letters, digits, '.', '_' or '-', starting with a letter or digit",
      },
    }) as string,
    commonName: str("commonName", 64),
    country: c.string("country", news.country, {
      test: {
        ok: (v) => /^[A-Za-z]{2}$/.test(v),
        allowed: 'a 2-letter ISO country code, e.g. "US"',
      },
    }),
    state: str("state", 128),
    locality: str("locality", 128),
    organization: str("organization", 64),
    unit: str("unit", 64),
    alternateNames: c.stringList("alternateNames", news.alternateNames, {
      check: (v) => ALT_NAME.test(v),
      allowed: 'a "DNS:<name>", "IP:<address>" or "email:<address>" entry',
    }),
    keySize: checkKeySize(c, news.keySize),
    keyAlgorithm: c.oneOf(
      "keyAlgorithm",
      news.keyAlgorithm,
      KEY_ALGORITHMS,
      inputDefault<(typeof KEY_ALGORITHMS)[number]>(RESOURCE, "keyAlgorithm"),
    ) as "rsa" | "ecdsa",
    keyUsages: listOf(c, "keyUsages", news.keyUsages, KEY_USAGES),
    extendedKeyUsages: listOf(c, "extendedKeyUsages", news.extendedKeyUsages, EXTENDED_KEY_USAGES),
    saveAndActivate: c.boolean(
      "saveAndActivate",
      news.saveAndActivate,
      inputDefault<boolean>(RESOURCE, "saveAndActivate"),
    ) as boolean,
    adoptExisting: c.boolean(
      "adoptExisting",
      news.adoptExisting,
      inputDefault<boolean>(RESOURCE, "adoptExisting"),
    ) as boolean,
    connection: c.connection(news.connection),
  };
  if (typeof inputs.country === "string" && !isUnknown(inputs.country))
    inputs.country = inputs.country.toUpperCase();
  const alt = inputs.alternateNames;
  if (Array.isArray(alt) && !alt.some(isUnknown) && alt.join(",").length > 1024) {
    c.fail(
      "alternateNames",
      `alternateNames must total at most 1024 characters joined with commas (the device's limit); ` +
        `got ${alt.join(",").length}.`,
    );
  }
  return { inputs, failures: c.failures, checked: c.checked };
}

function checkKeySize(c: InputChecker, value: unknown): number {
  if (value === 1024 || value === "1024") {
    c.fail(
      "keySize",
      `keySize must be one of 2048, 4096; got 1024. The device accepts 1024-bit keys but they are ` +
        `too weak for TLS and CAs refuse to sign them: use 2048 (the default) or 4096.`,
    );
    return 2048;
  }
  return c.integer("keySize", value, {
    allowed: KEY_SIZES,
    fallback: inputDefault<number>(RESOURCE, "keySize"),
  }) as number;
}

function listOf(
  c: InputChecker,
  prop: string,
  value: unknown,
  allowed: readonly string[],
): string[] | undefined {
  return c.stringList(prop, value, {
    check: (v) => allowed.includes(v),
    allowed: `one of ${allowed.join(", ")}`,
  });
}

/**
 * The device attributes for `inputs` (only those the user set, so device defaults apply otherwise).
 * @param inputs - checked inputs
 */
export function recordAttributes(inputs: CertificateRecordInputs): SbcAttributes {
  const attrs: SbcAttributes = { name: [inputs.name] };
  for (const [prop, attr] of ATTRIBUTE_OF) {
    const value = inputs[prop];
    if (value === undefined) continue;
    attrs[attr] = toValues(prop, value);
  }
  return attrs;
}

function toValues(prop: keyof CertificateRecordInputs, value: unknown): string[] {
  if (prop === "alternateNames") return [(value as string[]).join(",")];
  if (Array.isArray(value)) return value.length > 0 ? value.map(String) : [""];
  return [String(value)];
}

/**
 * The attributes whose desired value differs between `olds` and `news`, each with its new value
 * (the device default when the input was removed).
 * @param olds - the inputs the record was made from
 * @param news - the new inputs
 */
export function changedAttributes(
  olds: Partial<CertificateRecordInputs>,
  news: CertificateRecordInputs,
): SbcAttributes {
  const out: SbcAttributes = {};
  for (const [prop, attr] of ATTRIBUTE_OF) {
    const before = olds[prop] === undefined ? DEVICE_DEFAULTS[attr] : toValues(prop, olds[prop]);
    const after = news[prop] === undefined ? DEVICE_DEFAULTS[attr] : toValues(prop, news[prop]);
    if (before.join("\u0000") !== after.join("\u0000")) out[attr] = after;
  }
  return out;
}

/**
 * Input values as the device reports them, for the inputs the user set (refresh/drift).
 * @param inputs - the inputs in state
 * @param device - the device's attributes
 */
export function inputsFromDevice(
  inputs: CertificateRecordInputs,
  device: SbcAttributes,
): Partial<CertificateRecordInputs> {
  const out: Record<string, unknown> = {};
  for (const [prop, attr] of ATTRIBUTE_OF) {
    if (inputs[prop] === undefined || device[attr] === undefined) continue;
    const values = device[attr];
    if (prop === "alternateNames")
      out[prop] = values[0] ? values[0].split(",").map((s) => s.trim()) : [];
    else if (prop === "keySize") out[prop] = Number(values[0]);
    else if (prop === "keyUsages" || prop === "extendedKeyUsages")
      out[prop] = values.filter((v) => v !== "");
    else out[prop] = values[0];
  }
  return out as Partial<CertificateRecordInputs>;
}

/**
 * Whether input `prop` asks the device for the same value before and after: an omitted attribute
 * means the device default (vendor-apis.md 1.7), so `country: "US"` and no country are the same
 * record (an imported record's inputs leave defaults out; a program may spell them).
 * @param prop - an input of {@link ATTRIBUTE_OF}
 * @param before - the old value (undefined: not set)
 * @param after - the new value (undefined: not set)
 */
export function sameAttribute(
  prop: keyof CertificateRecordInputs,
  before: unknown,
  after: unknown,
): boolean {
  const attr = ATTRIBUTE_OF.find(([p]) => p === prop)?.[1];
  if (attr === undefined) return before === after;
  const asDevice = (value: unknown) =>
    value === undefined ? DEVICE_DEFAULTS[attr] : toValues(prop, value);
  return asDevice(before).join("\u0000") === asDevice(after).join("\u0000");
}

/**
 * The inputs a user would declare for a record the device holds (import): every attribute whose
 * value is not the device default, as the input it comes from.
 * @param device - the device's attributes of the record
 */
export function declaredFromDevice(device: SbcAttributes): Partial<CertificateRecordInputs> {
  const everySet = Object.fromEntries(ATTRIBUTE_OF.map(([prop]) => [prop, ""]));
  const values = inputsFromDevice(everySet as unknown as CertificateRecordInputs, device);
  const out: Record<string, unknown> = {};
  for (const [prop] of ATTRIBUTE_OF) {
    const value = values[prop];
    if (value === undefined || sameAttribute(prop, undefined, value)) continue;
    out[prop] = value;
  }
  return out as Partial<CertificateRecordInputs>;
}

/**
 * The inputs whose device value differs from what `inputs` ask for (an omitted input asks for the
 * device default), in {@link ATTRIBUTE_OF} order; none when the record is as declared.
 * @param inputs - checked inputs
 * @param device - the device's attributes of the record
 */
export function attributesDiffering(
  inputs: CertificateRecordInputs,
  device: SbcAttributes,
): string[] {
  const onDevice = declaredFromDevice(device);
  return ATTRIBUTE_OF.filter(([prop]) => !sameAttribute(prop, onDevice[prop], inputs[prop])).map(
    ([prop]) => prop,
  );
}
