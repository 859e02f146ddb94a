/**
 * The recorded exports of ./fleet.ts's stacks (tests/report/fixtures/exports, written by
 * tests/report/fixtures/record.ts from real `pulumi stack export`s) and the instant they were taken,
 * which the specs compute statuses at.
 */
import * as fs from "node:fs";
import * as path from "node:path";

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

/** The path of a role's export. */
export const exportPath = (role: Role): string => path.join(EXPORTS_DIR, `${role}.json`);

/** A role's export text. */
export const exportText = (role: Role): string => fs.readFileSync(exportPath(role), "utf8");

/** A role's export, parsed (a fresh copy each call: specs change them). */
export function exportJson(role: Role): {
  version: number;
  deployment: { resources: { urn: string; type: string; outputs: Record<string, unknown> }[] };
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
