/**
 * The rows of the fault matrix: every vendor request a certplane resource makes, the lifecycle step
 * that makes it, and what the retry contract says about repeating it (README "Retries").
 */

/**
 * The runner command (and program variant) that makes the request; `rotate` is an `up` of the same
 * program with the clock inside the resource's renewal window (the rig's step environment).
 */
export type Step = "create" | "update" | "rotate" | "refresh" | "delete";

/** One vendor request. */
export interface Operation {
  /** Row label. */
  name: string;
  /** Simulator vendor and the request's method and path glob. */
  vendor: string;
  method: string;
  path: string;
  step: Step;
  /**
   * Whether certplane may repeat the request after a timeout, reset, 500 or malformed answer: GET,
   * PUT and DELETE, and the POSTs that create nothing (login, token, search).
   */
  idempotent: boolean;
  /**
   * The first request of its step: connection-level faults (untrusted CA, credentials) are tried on
   * it, because every later request of the step would fail the same way.
   */
  first?: boolean;
  /** Sent over mutual TLS with the connection's client certificate. */
  mtls?: boolean;
  /** false: sends no credential of the connection (PCA's validate presents the issued certificate). */
  credential?: boolean;
  /**
   * After an ambiguous failure (the vendor acted, the answer was lost) certplane finds what the
   * request made and records it, so the step succeeds.
   */
  recovers?: boolean;
  /** Answered with no body (204), so a malformed body cannot happen. */
  bodyless?: boolean;
  /** Takes the Oracle SBC configuration lock. */
  lock?: boolean;
}

const op = (
  vendor: string,
  step: Step,
  name: string,
  method: string,
  path: string,
  idempotent: boolean,
  extra: Partial<Operation> = {},
): Operation => ({ vendor, step, name, method, path, idempotent, ...extra });

const NF = "/frontdoor/*/client-certificates";
const SBC = "/rest/*";

/** Rows by rig (one program and one simulator per rig). */
export const OPERATIONS: Record<string, Operation[]> = {
  pca: [
    op("pca", "create", "sign-csr", "POST", "/distribution/sign-csr", false, { first: true }),
    op("pca", "create", "validate", "GET", "/api/v1/auth/cert/validate/authorization", true, {
      credential: false,
    }),
    // No refresh row: a TypeScript-door refresh makes no PCA call (the key is not in the outputs a
    // refresh receives, so it cannot validate; issue 28).
  ],
  zitadel: [
    op("zitadel", "create", "users/me", "GET", "/auth/v1/users/me", true, { first: true }),
    op("zitadel", "create", "PAT create", "POST", "/management/v1/users/*/pats", false),
    op("zitadel", "refresh", "PAT get", "GET", "/management/v1/users/*/pats/*", true, {
      first: true,
    }),
    op("zitadel", "delete", "PAT delete", "DELETE", "/management/v1/users/*/pats/*", true, {
      first: true,
    }),
    // Rotation replaces the PAT: the new one is created (for the caller, looked up first) before
    // the old one is deleted.
    op("zitadel", "rotate", "users/me", "GET", "/auth/v1/users/me", true, { first: true }),
    op("zitadel", "rotate", "PAT create", "POST", "/management/v1/users/*/pats", false),
    op("zitadel", "rotate", "PAT delete", "DELETE", "/management/v1/users/*/pats/*", true),
  ],
  netfoundry: [
    op("netfoundry", "create", "create", "POST", NF, false, { first: true, recovers: true }),
    op("netfoundry", "create", "read back", "GET", `${NF}/*`, true),
    op("netfoundry", "refresh", "get", "GET", `${NF}/*`, true, { first: true }),
    op("netfoundry", "update", "rename", "PATCH", `${NF}/*`, true, { first: true }),
    op("netfoundry", "delete", "delete", "DELETE", `${NF}/*`, true, { first: true }),
  ],
  // The client-credentials token, the first request of every step when no ready token is set.
  "netfoundry-oauth": [
    op("netfoundry", "create", "OAuth token", "POST", "/oauth/token", true, { first: true }),
    op("netfoundry", "delete", "OAuth token", "POST", "/oauth/token", true, { first: true }),
  ],
  appviewx: [
    op("appviewx", "create", "enroll", "POST", "/ssh/cert/enroll", false, {
      first: true,
      mtls: true,
    }),
    op("appviewx", "delete", "login", "POST", "/avxapi/login", true, { first: true }),
    op("appviewx", "delete", "revoke", "POST", "/avxapi/ssh/cert/revoke", true),
  ],
  oraclesbc: [
    op("oraclesbc", "create", "token", "POST", `${SBC}/auth/token`, true, { first: true }),
    op("oraclesbc", "create", "lock", "POST", `${SBC}/configuration/lock`, false, {
      lock: true,
      bodyless: true,
    }),
    op("oraclesbc", "create", "add record", "POST", `${SBC}/configuration/configElements`, false, {
      recovers: true,
    }),
    op(
      "oraclesbc",
      "create",
      "generate CSR",
      "PUT",
      `${SBC}/configuration/certificates/generateRequest`,
      true,
    ),
    op("oraclesbc", "create", "save/verify", "PUT", `${SBC}/configuration/management`, true),
    op("oraclesbc", "create", "activate", "POST", `${SBC}/configuration/management`, true),
    op("oraclesbc", "create", "job status", "GET", `${SBC}/admin/asyncstatus`, true),
    op("oraclesbc", "create", "unlock", "POST", `${SBC}/configuration/unlock`, true, {
      bodyless: true,
    }),
    op("oraclesbc", "create", "import", "PUT", `${SBC}/configuration/certificates/import`, true),
    op("oraclesbc", "update", "update record", "PUT", `${SBC}/configuration/configElements`, true),
    op("oraclesbc", "refresh", "read record", "GET", `${SBC}/configuration/configElements`, true, {
      first: true,
    }),
    op(
      "oraclesbc",
      "delete",
      "delete record",
      "DELETE",
      `${SBC}/configuration/configElements`,
      true,
    ),
    op("oraclesbc", "delete", "lock", "POST", `${SBC}/configuration/lock`, false, {
      lock: true,
      bodyless: true,
    }),
  ],
};

/**
 * The SBC answering save, verify and activate synchronously (200 instead of a 202 job): the
 * certificate-record's create, update and delete, and the management requests that answer
 * differently. (No job is polled, so there is no job-status row.)
 */
const SYNCHRONOUS_ROWS = new Set([
  "add record (create)",
  "save/verify (create)",
  "activate (create)",
  "update record (update)",
  "delete record (delete)",
]);
OPERATIONS["oraclesbc-sync"] = OPERATIONS.oraclesbc.filter((row) =>
  SYNCHRONOUS_ROWS.has(`${row.name} (${row.step})`),
);
