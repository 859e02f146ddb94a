// POST /ssh/cert/enroll (seed 002): the client certificate is checked by the simulator itself, so
// each mTLS failure answers with the seed's appStatusCode; then the body, the CA, the validity and
// the one-valid-certificate-per-key rule; then ssh-keygen signs.
import sshpk from "sshpk";
import type { SimulatorClock } from "../core/clock";
import { verifyClientCertificate } from "../core/clientCertificate";
import { isJsonObject, type JsonObject } from "../core/json";
import type { SimRequest } from "../core/request";
import type { SimResponse } from "../core/response";
import { BAD_REQUEST_CODE, enrollError, envelope } from "./envelope";
import { caFingerprint, signWithSshKeygen, type SshCa } from "./sshCa";
import type { AppViewXState, SshCertificateRecord } from "./state";

/** Accepted validityUnit values (case-insensitive) and their length; months = 30 days, as documented. */
export const VALIDITY_UNITS: Record<string, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 30 * 86_400_000,
  years: 365 * 86_400_000,
};

const MTLS_REFUSAL = {
  missing: "ERR-SSH-NB-458",
  untrusted: "ERR-SSH-NB-459",
  "issuer-expired": "ERR-SSH-NB-460",
  expired: "ERR-SSH-NB-463",
  "not-yet-valid": "ERR-SSH-NB-463",
} as const;

function badRequest(message: string): SimResponse {
  return envelope(400, null, message, BAD_REQUEST_CODE);
}

/** Handles one enroll request. */
export async function enroll(
  request: SimRequest,
  state: AppViewXState,
  clock: SimulatorClock,
): Promise<SimResponse> {
  if (!state.mtlsEnabled) return enrollError("ERR-SSH-NB-464");
  if (!state.issuersConfigured) return enrollError("ERR-SSH-NB-462");
  const verdict = verifyClientCertificate(
    request.clientCertificate,
    [state.clientCa.certificate],
    clock.now(),
  );
  if (!verdict.ok) return enrollError(MTLS_REFUSAL[verdict.reason]);
  if (!request.query.get("gwsource")) return badRequest("gwsource query parameter is mandatory");
  if (request.contentType() !== "application/json")
    return badRequest("Content-Type must be application/json");

  const body = request.json(null);
  if (!isJsonObject(body)) return badRequest("Payload must be a JSON object");
  const missing = [
    "publicKey",
    "validityValue",
    "validityUnit",
    "certificateIdentity",
    "caName",
    "principals",
    "certType",
  ].filter((field) => body[field] === undefined || body[field] === null || body[field] === "");
  if (missing.length > 0) return badRequest(`Mandatory field(s) missing: ${missing.join(", ")}`);
  const {
    publicKey,
    validityValue,
    validityUnit,
    certificateIdentity,
    caName,
    principals,
    certType,
  } = body;
  if (typeof caName !== "string") return badRequest("caName must be a string");
  const ca = state.cas.find((candidate) => candidate.name === caName);
  if (!ca) return enrollError("ERR-SSH-NB-350");
  if (ca.status !== "Active") return enrollError("ERR-SSH_NB-267");
  if (certType !== "User" && certType !== "Host")
    return badRequest('certType must be "User" or "Host"');
  if (!ca.signs.includes(certType)) return enrollError("ERR-SSH_NB-263");
  if (typeof validityValue !== "number" || !Number.isFinite(validityValue))
    return badRequest("validityValue must be a number");
  if (validityValue <= 0) return enrollError("ERR-SSH_NB-269");
  const unitMs =
    typeof validityUnit === "string" ? VALIDITY_UNITS[validityUnit.toLowerCase()] : undefined;
  if (unitMs === undefined) {
    return badRequest(
      `validityUnit must be one of ${Object.keys(VALIDITY_UNITS).join(", ")}; got ${JSON.stringify(validityUnit)}`,
    );
  }
  if (
    !Array.isArray(principals) ||
    principals.length === 0 ||
    principals.some((p) => typeof p !== "string" || p === "" || p.includes(","))
  ) {
    return badRequest("principals must be a non-empty list of names without commas");
  }
  if (typeof certificateIdentity !== "string")
    return badRequest("certificateIdentity must be a string");
  let key: sshpk.Key;
  try {
    if (typeof publicKey !== "string") throw new Error("not a string");
    key = sshpk.parseKey(publicKey, "ssh");
  } catch {
    return badRequest("publicKey must be an OpenSSH public key (e.g. ssh-ed25519 AAAA…)");
  }

  // Optional explicit window (as /ssh/cert/create takes): the only way to reach 266 and 273.
  const now = clock.now().getTime();
  const validFromMs = typeof body.validFrom === "number" ? body.validFrom : now;
  const validToMs =
    typeof body.validTo === "number" ? body.validTo : validFromMs + validityValue * unitMs;
  if (validFromMs > validToMs) return enrollError("ERR-SSH_NB-266");
  if (validToMs <= now) return enrollError("ERR-SSH_NB-273");
  if (validToMs > ca.validToMs) return enrollError("ERR-SSH_NB-264");

  const keyFingerprint = key.fingerprint("sha256").toString();
  const valid = state.certificates.find(
    (record) =>
      record.keyFingerprint === keyFingerprint &&
      record.status === "Active" &&
      record.validToMs > now,
  );
  if (valid) return enrollError("ERR-SSH_NB-268", { existingSerialNumber: valid.serialNumber });

  const serial = state.nextSerial();
  const certContent = await signWithSshKeygen(ca, {
    publicKey: key.toString("ssh"),
    keyId: certificateIdentity,
    principals: principals as string[],
    certType,
    serial,
    validFromMs,
    validToMs,
  });
  const record: SshCertificateRecord = {
    serialNumber: serial.toString(),
    caName: ca.name,
    keyFingerprint,
    keyId: certificateIdentity,
    principals: principals as string[],
    certType,
    validFromMs,
    validToMs,
    status: "Active",
    certContent,
  };
  state.certificates.push(record);
  return envelope(
    200,
    responseOf(record, ca, key, validityValue, validityUnit as string),
    "Success",
    "SSH-NB-200",
  );
}

function responseOf(
  record: SshCertificateRecord,
  ca: SshCa,
  key: sshpk.Key,
  validity: number,
  unit: string,
) {
  const fp = record.keyFingerprint.replace(/^SHA256:/, "");
  const keyType = key.type.toUpperCase();
  return {
    fingerPrint: fp,
    certType: record.certType,
    rawFPString: `${keyType}-CERT SHA256:${fp}`,
    signingCA: caFingerprint(ca),
    keyId: record.keyId,
    serialNumber: record.serialNumber,
    rawCertType: `${record.certContent.split(" ")[0]} ${record.certType.toLowerCase()} certificate`,
    validFrom: record.validFromMs,
    validTo: record.validToMs,
    validity,
    validityUnit: unit,
    principals: record.principals,
    extensions: (record.certType === "User"
      ? {
          permitX11Forwarding: true,
          permitAgentForwarding: true,
          permitPortForwarding: true,
          permitPty: true,
          permitUserRc: true,
        }
      : {}) as JsonObject,
    certContent: record.certContent,
    caName: ca.name,
    certStatus: record.status,
  };
}
