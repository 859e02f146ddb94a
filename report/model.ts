/**
 * What `certplane report` finds: one row per certificate or token a stack holds, and the report
 * around them. This is the one description of the report's shape; the JSON output is this object
 * (versioned by `formatVersion`), and the table, Prometheus and HTML renderers read only it.
 */

/**
 * The JSON output's shape version; bump it when a field changes meaning or goes away. Adding an
 * optional field keeps it: the key-rotation fields ({@link KeyFacts}, `keyUrn`) and
 * {@link Report.keys} came later under version 1, and a reader of version 1 that does not know
 * them reads every other field as before.
 */
export const REPORT_FORMAT_VERSION = 1;

/**
 * A row's status, worst first. `expired`: not-after has passed. `renewal due`: the renewal window
 * (not-after minus `earlyRenewalHours`) has opened, so the next `pulumi up` renews it. `expiring`:
 * not-after falls inside `--warn-within`. `ok`: none of these.
 */
export type CertificateStatus = "expired" | "renewal due" | "expiring" | "ok";

/** Worst first: the order the statuses are listed in, and the order a summary counts them in. */
export const STATUSES: readonly CertificateStatus[] = ["expired", "renewal due", "expiring", "ok"];

/** What a row holds: an X.509 certificate, an OpenSSH certificate, or a bearer token. */
export type CredentialKind = "x509-certificate" | "ssh-certificate" | "access-token";

/** Which front door made the resource: the dynamic provider (TypeScript), the plugin, or @pulumi/tls. */
export type FrontDoor = "dynamic" | "plugin" | "tls";

/**
 * A key's rotation at the report's instant: `due` once `keyCreatedAt + rotateAfterHours` has
 * passed, or when the key's age is unknown (state written before certplane recorded
 * `keyCreatedAt`: provider/core/rotation.ts counts it due), so the next `pulumi up` makes a new key
 * and replaces what was signed from it; `scheduled` before that.
 */
export type KeyRotation = "due" | "scheduled";

/**
 * What state says of a key a `CertificateRequest` made (its public outputs only). Each field is
 * absent when state does not say it: a bring-your-own key and state from before certplane recorded
 * it have no `keyCreatedAt`; a `keyCreatedAt` the program made secret is not read (the report never
 * decrypts), so that key has no `keyCreatedAt`, `keyRotationDue` or `keyRotation`.
 */
export interface KeyFacts {
  /** When certplane generated the key (the CertificateRequest's `keyCreatedAt`). */
  keyCreatedAt?: string;
  /** The CertificateRequest's `rotateAfterHours`; absent when the key is never rotated for its age. */
  keyRotateAfterHours?: number;
  /** `keyCreatedAt + rotateAfterHours`: the first `pulumi up` at or after it rotates the key. */
  keyRotationDue?: string;
  /** The rotation at the report's instant; absent when the key does not rotate or its age is secret. */
  keyRotation?: KeyRotation;
}

/** One certificate or token. Times are RFC 3339 in UTC to the second (provider/core/instant.ts). */
export interface ReportRow extends KeyFacts {
  /**
   * The stack's name as the backend lists it (`org/project/stack` or `stack`) when read through the
   * CLI; for an export file, `project/stack` from its URNs (an export does not name its organization),
   * or the file's path when it has no resources.
   */
  stack: string;
  /** The resource's name (the URN's last part). */
  name: string;
  urn: string;
  /** The schema token (`certplane:pca:SignedCertificate`) or, for @pulumi/tls, its type token. */
  type: string;
  door: FrontDoor;
  kind: CredentialKind;
  /** `pca`, `zitadel`, `appviewx`, `netfoundry`, `oraclesbc`, or `tls` for @pulumi/tls. */
  vendor: string;
  /** The certificate's subject DN, the SSH certificate's principals joined by `,`, or the token's user. */
  subject: string;
  /** The serial number as the resource reports it; absent when the resource has none (a token). */
  serial?: string;
  notBefore?: string;
  notAfter: string;
  /** Whole and fractional days from the report's `generatedAt` to not-after; negative once expired. */
  daysLeft: number;
  /** When the renewal window opens (not-after minus `earlyRenewalHours`); absent when none is set. */
  renewalWindowStart?: string;
  status: CertificateStatus;
  /**
   * The URN of the CertificateRequest in the same stack whose key (CSR or public key) the
   * certificate was issued for, found through state's `propertyDependencies`; the {@link KeyFacts}
   * fields are that key's. Absent for a token, a key made elsewhere, or a certificate uploaded as a PEM.
   */
  keyUrn?: string;
}

/**
 * A key a `CertificateRequest` made that no certificate row of its stack was issued for: typically
 * one whose CSR another stack signs (through a StackReference), so its rotation shows here, in the
 * stack that rotates it.
 */
export interface KeyRow extends KeyFacts {
  stack: string;
  /** The resource's name (the URN's last part). */
  name: string;
  urn: string;
  /** The schema token, `certplane:index:CertificateRequest`. */
  type: string;
  door: FrontDoor;
  /** The public key's SHA-256 fingerprint (the resource's id), when public. */
  fingerprint?: string;
}

/** Where rows came from: a stack read through the CLI or an export file (or `-`, standard input). */
export interface ReportSource {
  stack: string;
  /** `cli` for `pulumi stack export`, else the file path given (`-` for standard input). */
  from: string;
  rows: number;
}

/** The whole report, as `--json` prints it. */
export interface Report {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  /** The instant the statuses were computed for (now, or `--at` when given). */
  generatedAt: string;
  /** `--warn-within`, in hours. */
  warnWithinHours: number;
  sources: ReportSource[];
  /** Sorted by not-after, soonest first. */
  rows: ReportRow[];
  /**
   * Keys no row was issued for ({@link KeyRow}), soonest rotation first (due first, keys that do
   * not rotate last); absent when there are none.
   */
  keys?: KeyRow[];
}
