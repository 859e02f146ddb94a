/**
 * The inputs of `netfoundry.ClientCertificate` and their `check` (no network). An uploaded
 * certificate must be valid now by the provider clock: nothing expired or not yet valid is uploaded.
 */
import { validityFailures, type ValidityRemedies } from "../core/certificateValidity";
import { stringField } from "../core/connection";
import { describePem } from "../core/pem";
import { InputChecker, isUnknown, type CheckFailure } from "../core/validation";
import { resolveNetfoundryConnection } from "./connection";
import { inputDefault } from "../core/packageSchema";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:netfoundry:ClientCertificate";
const DEFAULT_EARLY_RENEWAL_HOURS = inputDefault<number>(RESOURCE, "earlyRenewalHours");
const DEFAULT_ADOPT_EXISTING = inputDefault<boolean>(RESOURCE, "adoptExisting");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What to do about an upload that is not valid now (check, and create/update before any call). */
export const VALIDITY_REMEDIES: ValidityRemedies = {
  expired:
    "Nothing expired is uploaded to the Frontdoor: upload a certificate valid now (have your CA " +
    "sign a new one), or give certRequestPem to have NetFoundry sign.",
  notYetValid:
    "Nothing not yet valid is uploaded to the Frontdoor (clients would be refused with it): " +
    "check your CA's clock and this machine's, or upload it once notBefore has passed.",
};

/** Normalized inputs. */
export interface ClientCertificateInputs {
  name: string;
  /** Resolved at check from the arg, `certplane:netfoundryFrontdoorId` or `CERTPLANE_NETFOUNDRY_FRONTDOOR_ID`. */
  frontdoorId: string;
  /** Upload mode: an existing certificate (PEM). */
  certificatePem?: string;
  /** Signing mode: a CSR NetFoundry signs (PEM). */
  certRequestPem?: string;
  earlyRenewalHours: number;
  /** Adopt a certificate of the same name instead of creating a duplicate. */
  adoptExisting: boolean;
  connection?: Record<string, unknown>;
}

function pemLabel(value: string): string | undefined {
  return /^\s*-----BEGIN ([A-Z ]+)-----/.exec(value)?.[1];
}

/** Validates and normalizes `news`. */
export function checkClientCertificate(news: Record<string, unknown>): {
  inputs: ClientCertificateInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
} {
  const c = new InputChecker();
  const name = c.requiredString("name", news.name, { maxLength: 255 });
  let frontdoorId = c.string("frontdoorId", news.frontdoorId, {
    test: {
      ok: (v) => UUID.test(v),
      allowed: "a Frontdoor UUID such as 3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c",
    },
  });
  // Only an absent arg falls back to the settings (a rejected one is already reported).
  const given = news.frontdoorId !== undefined && news.frontdoorId !== null;
  if (frontdoorId === undefined && !given && !isUnknown(news.connection)) {
    const fromSettings = stringField(
      resolveNetfoundryConnection(news.connection as Record<string, unknown> | undefined),
      "frontdoorId",
    );
    if (fromSettings === undefined) {
      c.fail(
        "frontdoorId",
        "frontdoorId is not set: give it as an argument, stack config certplane:netfoundryFrontdoorId or env CERTPLANE_NETFOUNDRY_FRONTDOOR_ID.",
      );
    } else frontdoorId = fromSettings;
  }
  const certificatePem = c.string("certificatePem", news.certificatePem);
  const certRequestPem = c.string("certRequestPem", news.certRequestPem);
  if (certificatePem !== undefined && certRequestPem !== undefined) {
    c.fail(
      "certificatePem",
      "certificatePem and certRequestPem are exclusive: give certificatePem to upload a certificate, or certRequestPem to have NetFoundry sign a CSR, not both.",
    );
  } else if (certificatePem === undefined && certRequestPem === undefined) {
    c.fail(
      "certificatePem",
      "Give exactly one of certificatePem (upload a certificate) or certRequestPem (NetFoundry signs the CSR); neither was set.",
    );
  }
  if (
    certificatePem !== undefined &&
    !isUnknown(certificatePem) &&
    pemLabel(certificatePem) !== "CERTIFICATE"
  ) {
    c.fail(
      "certificatePem",
      `certificatePem must be a PEM certificate ("-----BEGIN CERTIFICATE-----"); got ${describePem(certificatePem)}.`,
    );
  } else if (certificatePem !== undefined && !isUnknown(certificatePem)) {
    for (const failure of validityFailures("certificatePem", certificatePem, VALIDITY_REMEDIES))
      c.fail(failure.property, failure.reason);
  }
  if (
    certRequestPem !== undefined &&
    !isUnknown(certRequestPem) &&
    !["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"].includes(pemLabel(certRequestPem) ?? "")
  ) {
    c.fail(
      "certRequestPem",
      `certRequestPem must be a PEM CSR ("-----BEGIN CERTIFICATE REQUEST-----"); got ${describePem(certRequestPem)}.`,
    );
  }
  const earlyRenewalHours =
    c.integer("earlyRenewalHours", news.earlyRenewalHours, {
      min: 0,
      max: 365 * 24 - 1,
      fallback: DEFAULT_EARLY_RENEWAL_HOURS,
    }) ?? DEFAULT_EARLY_RENEWAL_HOURS;
  const adoptExisting =
    c.boolean("adoptExisting", news.adoptExisting, DEFAULT_ADOPT_EXISTING) ??
    DEFAULT_ADOPT_EXISTING;
  const inputs: ClientCertificateInputs = {
    name: name as string,
    frontdoorId: frontdoorId as string,
    earlyRenewalHours,
    adoptExisting,
  };
  if (certificatePem !== undefined) inputs.certificatePem = certificatePem;
  if (certRequestPem !== undefined) inputs.certRequestPem = certRequestPem;
  const connection = c.connection(news.connection);
  if (connection !== undefined) inputs.connection = connection;
  return { inputs, failures: c.failures, checked: c.checked };
}
