/**
 * The recorded exports of ./fleet.ts's stacks (tests/report/fixtures/exports, written by
 * tests/report/fixtures/record.ts from real `pulumi stack export`s) and the instant they were taken,
 * which the specs compute statuses at.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ReportRow } from "../../../report/model";

export const FIXTURES_DIR = path.join(__dirname, "..", "fixtures");
export const EXPORTS_DIR = path.join(FIXTURES_DIR, "exports");

/** The three recorded stacks. */
export const ROLES = ["dynamic", "plugin", "mixed"] as const;
export type Role = (typeof ROLES)[number];

/** When the exports were taken (RFC 3339). */
export const RECORDED_AT: string = (
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, "recorded.json"), "utf8")) as {
    recordedAt: string;
  }
).recordedAt;

/**
 * The key-rotation fixture: ../fixtures/fleetRotation's stack, recorded on its own by
 * ../fixtures/recordRotation.ts (keys with `rotateAfterHours` behind a PCA, a NetFoundry and an
 * AppViewX SSH certificate, one whose `keyCreatedAt` is secret, and one no certificate signs).
 */
export const ROTATION_EXPORT = path.join(EXPORTS_DIR, "rotation.json");

/** When the key-rotation fixture was recorded (RFC 3339). */
export const ROTATION_RECORDED_AT: string = (
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, "recordedRotation.json"), "utf8")) as {
    recordedAt: string;
  }
).recordedAt;

/** The key-rotation export, parsed (a fresh copy each call: specs change them). */
export function rotationExportJson(): ReturnType<typeof exportJson> {
  return JSON.parse(fs.readFileSync(ROTATION_EXPORT, "utf8"));
}

/** The path of a role's export. */
export const exportPath = (role: Role): string => path.join(EXPORTS_DIR, `${role}.json`);

/** A role's export text. */
export const exportText = (role: Role): string => fs.readFileSync(exportPath(role), "utf8");

/** A role's export, parsed (a fresh copy each call: specs change them). */
export function exportJson(role: Role): {
  version: number;
  deployment: {
    resources: {
      urn: string;
      type: string;
      outputs: Record<string, unknown>;
      propertyDependencies?: Record<string, string[]>;
      dependencies?: string[];
      delete?: boolean;
    }[];
  };
} {
  return JSON.parse(exportText(role));
}

/** The outputs of the resource of `role` whose URN ends with `::<type>::<name>`. */
export function outputsOf(role: Role, typeSuffix: string, name: string): Record<string, unknown> {
  const found = exportJson(role).deployment.resources.find((r) =>
    r.urn.endsWith(`${typeSuffix}::${name}`),
  );
  if (!found) throw new Error(`${role} has no ${typeSuffix}::${name}`);
  return found.outputs;
}

/** A report row of a PCA certificate with every field set plainly, `over` changing any of them. */
export const reportRow = (over: Partial<ReportRow> = {}): ReportRow => ({
  stack: "org/p/s",
  name: "c",
  urn: "urn:pulumi:s::p::certplane:pca:SignedCertificate::c",
  type: "certplane:pca:SignedCertificate",
  door: "plugin",
  kind: "x509-certificate",
  vendor: "pca",
  subject: "CN=c",
  notAfter: "2027-01-31T00:00:00Z",
  daysLeft: 1,
  status: "ok",
  ...over,
});
