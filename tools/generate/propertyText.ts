/**
 * What a property's documentation says beyond its description, in one wording for the TSDoc and
 * the docs tables: that it is secret, for an input that changing it replaces the resource, and for
 * a derived output (`concatenationOf`) where it is made.
 */
import type { Property } from "./schemaTypes";

/** The description followed by the secret and replacement sentences (`**Secret.**` when `bold`). */
export function propertySummary(property: Property, asInput: boolean, bold = false): string {
  const parts = [property.description ?? ""];
  if (property.secret) parts.push(bold ? "**Secret.**" : "Secret.");
  if (asInput && property.willReplaceOnChanges) parts.push("Changing it replaces the resource.");
  const derivedFrom = property.language?.certplane?.concatenationOf;
  if (derivedFrom) {
    const joined = derivedFrom.map((part) => `\`${part}\``).join(" + ");
    parts.push(
      `Not stored by the TypeScript classes, which make it from ${joined} when read; the native plugin stores it.`,
    );
  }
  return parts.filter(Boolean).join(" ");
}
