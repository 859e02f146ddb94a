/**
 * How a key's rotation reads, in one place for the table and the page: the instant it is due, a
 * `key rotation due` marker once the next `pulumi up` rotates it, or why the report cannot tell.
 */
import type { KeyFacts, KeyRotation } from "./model";

/** The marker of a key the next `pulumi up` rotates. */
export const KEY_ROTATION_DUE = "key rotation due";

/**
 * The key-rotation cell's text, or undefined when the key does not rotate (or there is no key):
 * `2027-02-05T03:47:23Z` (scheduled), `key rotation due since 2027-02-05T03:47:23Z`,
 * `key rotation due (key age unknown)`, or `after 720h (key age is secret)`.
 */
export function keyRotationText(facts: KeyFacts): string | undefined {
  const rotation = facts.keyRotation as string | undefined;
  if (rotation === undefined) {
    return facts.keyRotateAfterHours === undefined
      ? undefined
      : `after ${facts.keyRotateAfterHours}h (key age is secret)`;
  }
  if (rotation === "scheduled") return facts.keyRotationDue ?? rotation;
  if (rotation === "due") {
    return facts.keyRotationDue === undefined
      ? `${KEY_ROTATION_DUE} (key age unknown)`
      : `${KEY_ROTATION_DUE} since ${facts.keyRotationDue}`;
  }
  // A state this version does not know (a report from a newer format): shown as it is.
  return rotation;
}

/**
 * Keys whose rotation the report knows, counted once each (two certificates of one key are one
 * key), per rotation state: what the summaries say.
 */
export function keyRotationCounts(
  keys: readonly (KeyFacts & { urn: string })[],
): Record<KeyRotation, number> {
  const byUrn = new Map<string, KeyRotation>();
  for (const key of keys) if (key.keyRotation !== undefined) byUrn.set(key.urn, key.keyRotation);
  const states = [...byUrn.values()];
  return {
    due: states.filter((state) => state === "due").length,
    scheduled: states.filter((state) => state === "scheduled").length,
  };
}

/** The keys of a report, rows' and unlinked, as {@link keyRotationCounts} reads them. */
export function reportKeys(report: {
  rows: readonly (KeyFacts & { keyUrn?: string })[];
  keys?: readonly (KeyFacts & { urn: string })[];
}): (KeyFacts & { urn: string })[] {
  return [
    ...report.rows.flatMap((row) =>
      row.keyUrn === undefined ? [] : [{ ...row, urn: row.keyUrn }],
    ),
    ...(report.keys ?? []),
  ];
}
