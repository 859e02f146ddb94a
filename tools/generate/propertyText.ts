/**
 * What a property's documentation says beyond its description, in one wording for the TSDoc and
 * the docs tables: that it is secret, and for an input, that changing it replaces the resource.
 */
import type { Property } from "./schemaTypes";

/** The description followed by the secret and replacement sentences (`**Secret.**` when `bold`). */
export function propertySummary(property: Property, asInput: boolean, bold = false): string {
  const parts = [property.description ?? ""];
  if (property.secret) parts.push(bold ? "**Secret.**" : "Secret.");
  if (asInput && property.willReplaceOnChanges) parts.push("Changing it replaces the resource.");
  return parts.filter(Boolean).join(" ");
}
