/**
 * The inputs of `oraclesbc.CertificateImport` and their `check`: the certificate must be a PEM
 * certificate (anything else, e.g. a CSR or a private key, is refused without echoing it), valid
 * now by the provider clock (nothing expired or not yet valid goes onto the device).
 */
import { validityFailures, type ValidityRemedies } from "../core/certificateValidity";
import { pemBlocks } from "../core/pem";
import { parseCertificate } from "../core/x509";
import { InputChecker, isUnknown, type CheckFailure } from "../core/validation";
import { inputDefault } from "../core/packageSchema";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:oraclesbc:CertificateImport";

/** Normalized inputs. */
export interface CertificateImportInputs {
  recordName: string;
  certificatePem: string;
  chainPem?: string;
  saveAndActivate: boolean;
  connection?: Record<string, unknown>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What to do about a certificate that is not valid now (check, and create/update before the lock). */
export const VALIDITY_REMEDIES: ValidityRemedies = {
  expired:
    "Nothing expired goes onto the SBC: pass a certificate valid now (have the CA sign the " +
    "record's certRequestPem again; a signer upstream with earlyRenewalHours renews before notAfter).",
  notYetValid:
    "Nothing not yet valid goes onto the SBC (TLS peers would refuse it): check the CA's clock " +
    "and this machine's, or import it once notBefore has passed.",
};

/**
 * Validates and normalizes `news`; never calls the device.
 * @param news - raw inputs
 */
export function checkCertificateImport(news: Record<string, unknown>): {
  inputs: CertificateImportInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
} {
  const c = new InputChecker();
  const inputs: CertificateImportInputs = {
    recordName: c.requiredString("recordName", news.recordName, {
      test: {
        ok: (v) => NAME.test(v),
        allowed: "the name of a certificate-record (1-128 letters, digits, '.', '_' or '-')",
      },
    }) as string,
    certificatePem: certificates(c, "certificatePem", news.certificatePem, true) as string,
    chainPem: certificates(c, "chainPem", news.chainPem, false),
    saveAndActivate: c.boolean(
      "saveAndActivate",
      news.saveAndActivate,
      inputDefault<boolean>(RESOURCE, "saveAndActivate"),
    ) as boolean,
    connection: c.connection(news.connection),
  };
  return { inputs, failures: c.failures, checked: c.checked };
}

function certificates(
  c: InputChecker,
  prop: string,
  value: unknown,
  required: boolean,
): string | undefined {
  if (value === undefined || value === null || value === "") {
    if (required)
      c.fail(prop, `${prop} is required (a PEM "-----BEGIN CERTIFICATE-----" block); got nothing.`);
    return undefined;
  }
  if (isUnknown(value)) return value as string;
  if (typeof value !== "string") {
    c.fail(prop, `${prop} must be PEM text; got a ${typeof value}.`);
    return undefined;
  }
  const blocks = pemBlocks(value);
  // Labels only: the content of a wrong block (it may be a private key) is never echoed.
  const others = blocks.filter((b) => b.label !== "CERTIFICATE").map((b) => b.label);
  if (blocks.length === 0 || others.length > 0) {
    c.fail(
      prop,
      `${prop} must hold only PEM certificates ("-----BEGIN CERTIFICATE-----"); got ` +
        (blocks.length === 0
          ? "text without a PEM block"
          : `a block labelled ${others.map((l) => `"${l}"`).join(", ")}`) +
        `. Pass the certificate the CA issued for the record's CSR.`,
    );
    return undefined;
  }
  for (const block of blocks) {
    try {
      parseCertificate(block.pem);
    } catch (err) {
      c.fail(
        prop,
        `${prop} holds a CERTIFICATE block that does not parse (${(err as Error).message}).`,
      );
      return undefined;
    }
  }
  const outOfValidity = validityFailures(prop, value, VALIDITY_REMEDIES);
  for (const failure of outOfValidity) c.fail(failure.property, failure.reason);
  if (outOfValidity.length > 0) return undefined;
  return blocks.map((b) => b.pem.trim()).join("\n") + "\n";
}
