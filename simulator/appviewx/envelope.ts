// AppViewX's response envelope (vendor-apis.md 3.2) and seed 002's error table.
import type { JsonValue } from "../core/json";
import { json, type SimResponse } from "../core/response";

/** `{response, message, appStatusCode, tags, headers}`. */
export function envelope(
  status: number,
  response: JsonValue,
  message: string | null,
  appStatusCode: string | null,
  tags: JsonValue = null,
): SimResponse {
  return json(status, { response, message, appStatusCode, tags, headers: null });
}

/** Seed 002, Table 4: HTTP status and message per appStatusCode. */
export const ENROLL_ERRORS = {
  "ERR-SSH-NB-458": [401, "Client certificate not found for authentication."],
  "ERR-SSH-NB-459": [
    403,
    "Client certificate authentication failed. Issuer Certificate is not trusted.",
  ],
  "ERR-SSH-NB-460": [
    403,
    "Client certificate authentication failed. Issuer Certificate is expired.",
  ],
  "ERR-SSH-NB-462": [
    403,
    "No Issuer Certificates are configured for client certificate authentication.",
  ],
  "ERR-SSH-NB-463": [403, "Client certificate provided for authentication is expired."],
  "ERR-SSH-NB-464": [403, "MTLS authentication is not enabled."],
  "ERR-SSH_NB-268": [400, "Valid certificate already exists for the given Key"],
  "ERR-SSH_NB-267": [400, "Selected CA is not in Active status"],
  "ERR-SSH_NB-263": [400, "Selected CA cannot sign requested Cert Type"],
  "ERR-SSH_NB-266": [400, "Validity start cannot exceed validity end"],
  "ERR-SSH_NB-269": [400, "validityValue must be greater than zero"],
  "ERR-SSH_NB-264": [400, "Certificate validity can not exceed CA validity"],
  "ERR-SSH_NB-273": [400, "Certificate validity end can not be past date"],
  "ERR-SSH-NB-350": [404, "No CA found with given name or Id"],
} as const;

/** The simulator's own code for a malformed request (the seed documents none). */
export const BAD_REQUEST_CODE = "ERR-SSH-NB-400";

/** An error answer for a seed 002 code. */
export function enrollError(code: keyof typeof ENROLL_ERRORS, tags: JsonValue = null): SimResponse {
  const [status, message] = ENROLL_ERRORS[code];
  return envelope(status, null, message, code, tags);
}
