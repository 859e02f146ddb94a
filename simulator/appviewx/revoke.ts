// The session-authenticated APIs of vendor-apis.md 3.1/3.4 used for revocation: POST /avxapi/login
// (username/password headers → sessionId) and POST /avxapi/ssh/cert/revoke (header sessionId).
import { isJsonObject } from "../core/json";
import type { SimRequest } from "../core/request";
import type { SimResponse } from "../core/response";
import { BAD_REQUEST_CODE, envelope } from "./envelope";
import type { AppViewXState } from "./state";

/** `POST /avxapi/login`. */
export function login(request: SimRequest, state: AppViewXState): SimResponse {
  const username = request.header("username");
  const password = request.header("password");
  if (!username || !password)
    return envelope(400, null, "Username or password cannot be null or empty", BAD_REQUEST_CODE);
  if (username !== state.username || password !== state.password) {
    return envelope(401, null, "Authentication failed : Invalid Credentials", "AVX_GW_003");
  }
  return envelope(
    200,
    {
      status: "SUCCESS",
      appStatusCode: null,
      statusDescription: null,
      sessionId: state.newSession(),
      availableLoginAttemptCount: 10,
    },
    null,
    null,
  );
}

/** `POST /avxapi/ssh/cert/revoke`: the certificate must be Active. */
export function revoke(request: SimRequest, state: AppViewXState): SimResponse {
  const session = request.header("sessionid");
  if (!session || !state.sessions.has(session)) {
    return envelope(401, null, "Authentication failed : Invalid Credentials", "AVX_GW_003");
  }
  const body = request.json(null);
  if (!isJsonObject(body))
    return envelope(400, null, "Payload must be a JSON object", BAD_REQUEST_CODE);
  const caNames = Array.isArray(body.caName) ? body.caName : [body.caName];
  const { groupName, serialNumber, certificate, reason } = body;
  if (caNames.length === 0 || caNames.some((name) => typeof name !== "string" || name === "")) {
    return envelope(400, null, "caName is mandatory", BAD_REQUEST_CODE);
  }
  if (typeof groupName !== "string" || groupName === "")
    return envelope(400, null, "groupName is mandatory", BAD_REQUEST_CODE);
  const record = state.certificates.find(
    (candidate) =>
      caNames.includes(candidate.caName) &&
      ((typeof serialNumber === "string" && candidate.serialNumber === serialNumber) ||
        (typeof certificate === "string" && candidate.certContent === certificate.trim())),
  );
  if (!record)
    return envelope(
      404,
      null,
      "No certificate found with the given serial number or content",
      "ERR-SSH-NB-404",
    );
  if (record.status !== "Active")
    return envelope(400, null, "Certificate is not in Active status", "ERR-SSH-NB-410");
  record.status = "Revoked";
  record.groupName = groupName;
  if (typeof reason === "string") record.revokedReason = reason;
  return envelope(
    200,
    { serialNumber: record.serialNumber, certStatus: "Revoked" },
    "Success",
    "SSH-NB-200",
  );
}
