/**
 * certplane-key-strength: keys at least as strong as the organisation allows — RSA bits, ECDSA
 * curves, Ed25519 — for keys `CertificateRequest` generates (or is given: the key's size and curve are
 * read from it, the key itself never shown) and keys an Oracle SBC generates on the device
 * (`CertificateRecord.keySize`).
 */
import { createPrivateKey } from "node:crypto";
import { certplaneType, inputEnumValues } from "./certplaneTypes";
import { effectiveInput, readInput, UNKNOWN, type CertplaneResource } from "./inputs";
import type { ResourceRule } from "./rule";
import { shownValue, type Violation } from "./violation";

const CERTIFICATE_REQUEST = certplaneType("certplane:index:CertificateRequest");
const SBC_RECORD = certplaneType("certplane:oraclesbc:CertificateRecord");

/** Options of certplane-key-strength. */
export interface KeyStrengthOptions {
  /** The fewest RSA bits allowed (CertificateRequest `rsaBits`, SBC `keySize`, a given key). */
  minRsaBits: number;
  /** The ECDSA curves allowed, as `ecdsaCurve` names them. */
  allowedEcdsaCurves: string[];
  /** Whether Ed25519 keys are allowed. */
  allowEd25519: boolean;
}

/** node:crypto's names of the curves certplane offers. */
const CURVE_NAMES: Record<string, string> = {
  prime256v1: "P256",
  secp384r1: "P384",
  secp521r1: "P521",
};

/** What a key is, from its PEM: algorithm, and bits or curve. Undefined when it does not parse. */
function describeKey(
  pem: string,
): { algorithm: string; rsaBits?: number; curve?: string } | undefined {
  try {
    const key = createPrivateKey(pem);
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
      case "rsa":
        return { algorithm: "RSA", rsaBits: details.modulusLength };
      case "ec":
        return {
          algorithm: "ECDSA",
          curve: CURVE_NAMES[details.namedCurve ?? ""] ?? details.namedCurve,
        };
      case "ed25519":
        return { algorithm: "ED25519" };
      default:
        return { algorithm: String(key.asymmetricKeyType).toUpperCase() };
    }
  } catch {
    return undefined; // the provider's check refuses it, naming the problem
  }
}

function checkKey(
  key: { algorithm: unknown; rsaBits: unknown; curve: unknown },
  names: { rsaBits: string; curve: string; algorithm: string; shown?: string },
  options: KeyStrengthOptions,
  report: (violation: Violation) => void,
  show: (property: string, value: unknown) => string,
): void {
  const value = (property: string, raw: unknown) => names.shown ?? show(property, raw);
  if (
    key.algorithm === "RSA" &&
    typeof key.rsaBits === "number" &&
    key.rsaBits < options.minRsaBits
  ) {
    report({
      property: names.rsaBits,
      value: value(names.rsaBits, key.rsaBits),
      problem: "a weaker RSA key than allowed",
      limit: `at least ${options.minRsaBits} bits (minRsaBits)`,
    });
  }
  if (
    key.algorithm === "ECDSA" &&
    typeof key.curve === "string" &&
    !options.allowedEcdsaCurves.includes(key.curve)
  ) {
    report({
      property: names.curve,
      value: value(names.curve, key.curve),
      problem: "a curve that is not allowed",
      limit: `one of ${options.allowedEcdsaCurves.join(", ") || "(none)"} (allowedEcdsaCurves)`,
    });
  }
  if (key.algorithm === "ED25519" && !options.allowEd25519) {
    report({
      property: names.algorithm,
      value: value(names.algorithm, key.algorithm),
      problem: "an algorithm that is not allowed",
      limit: "no Ed25519 keys (allowEd25519 is false)",
    });
  }
}

function checkCertificateRequest(
  resource: CertplaneResource,
  options: KeyStrengthOptions,
  report: (violation: Violation) => void,
): void {
  const show = (property: string, value: unknown) => shownValue(resource.type, property, value);
  const givenKey = readInput(resource.props, ["privateKeyPem"]);
  if (givenKey === UNKNOWN) return;
  if (typeof givenKey === "string" && givenKey !== "") {
    const key = describeKey(givenKey);
    if (!key) return;
    const what =
      key.rsaBits !== undefined
        ? `a ${key.rsaBits}-bit RSA key`
        : key.curve !== undefined
          ? `an ECDSA ${key.curve} key`
          : `an ${key.algorithm} key`;
    checkKey(
      { algorithm: key.algorithm, rsaBits: key.rsaBits, curve: key.curve },
      {
        rsaBits: "privateKeyPem",
        curve: "privateKeyPem",
        algorithm: "privateKeyPem",
        shown: `${what} (not shown)`,
      },
      options,
      report,
      show,
    );
    return;
  }
  checkKey(
    {
      algorithm: effectiveInput(resource, "algorithm"),
      rsaBits: effectiveInput(resource, "rsaBits"),
      curve: effectiveInput(resource, "ecdsaCurve"),
    },
    { rsaBits: "rsaBits", curve: "ecdsaCurve", algorithm: "algorithm" },
    options,
    report,
    show,
  );
}

function checkSbcRecord(
  resource: CertplaneResource,
  options: KeyStrengthOptions,
  report: (violation: Violation) => void,
): void {
  // The device picks the curve of an ECDSA key: only its RSA size is an input.
  if (effectiveInput(resource, "keyAlgorithm") !== "rsa") return;
  checkKey(
    { algorithm: "RSA", rsaBits: effectiveInput(resource, "keySize"), curve: undefined },
    { rsaBits: "keySize", curve: "keySize", algorithm: "keyAlgorithm" },
    options,
    report,
    (property, value) => shownValue(resource.type, property, value),
  );
}

/** The rule. */
export const keyStrength: ResourceRule<"certplane-key-strength", KeyStrengthOptions> = {
  name: "certplane-key-strength",
  scope: "resource",
  description:
    "Keys are at least as strong as allowed: RSA bits, ECDSA curves and Ed25519 (CertificateRequest, Oracle SBC CertificateRecord).",
  level: "mandatory",
  defaults: {
    minRsaBits: 2048,
    allowedEcdsaCurves: inputEnumValues(CERTIFICATE_REQUEST, "ecdsaCurve").map(String),
    allowEd25519: true,
  },
  optionSchemas: {
    minRsaBits: { type: "integer", minimum: 1024 },
    allowedEcdsaCurves: {
      type: "array",
      items: {
        type: "string",
        enum: inputEnumValues(CERTIFICATE_REQUEST, "ecdsaCurve").map(String),
      },
    },
    allowEd25519: { type: "boolean" },
  },
  check(resource, options, report) {
    if (resource.type === CERTIFICATE_REQUEST) checkCertificateRequest(resource, options, report);
    if (resource.type === SBC_RECORD) checkSbcRecord(resource, options, report);
  },
};
