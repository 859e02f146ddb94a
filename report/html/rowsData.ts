/**
 * A table's rows as data: one `<script type="application/json">` element per table (its "data
 * island") that the page's script pages, sorts and filters (tableScript.ts). A browser never runs
 * it (its type is not a script's), so the Content-Security-Policy's hash need not cover it; what
 * must hold is that no value can end the element or be read as markup, which
 * {@link jsonForScriptElement} guarantees.
 *
 * The island is `{"columns": [...], "rows": [...]}`: each column `{id, kind, className?, search?}`
 * (columns.ts); each row `[urn, cell, cell, …]`, a `text` cell as its string and any other as
 * `[text, key]` or `[text, key, 1]` for a key rotation that is due (CellValue, compact: 10,000 rows
 * are megabytes).
 */
import type { CellValue, Column } from "./columns";

/** A cell as the island writes it. */
export type EncodedCell = string | [string | null, number | null] | [string, number | null, 1];

/** The island's shape, as the page's script reads it. */
export interface RowsData {
  readonly columns: readonly {
    id: string;
    kind: string;
    className?: string;
    search?: true;
  }[];
  readonly rows: readonly (readonly [string, ...EncodedCell[]])[];
}

/** `value` encoded for the island (see the module's comment). */
export function encodeCell(column: Column<never>, value: CellValue): EncodedCell {
  if (column.kind === "text") return value.text ?? "";
  const key = value.key ?? null;
  return value.due === true ? [value.text ?? "", key, 1] : [value.text, key];
}

/** The island's data for `rows` under `columns`. */
export function rowsData<Row extends { urn: string }>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): RowsData {
  return {
    columns: columns.map((column) => ({
      id: column.id,
      kind: column.kind,
      ...(column.className === undefined ? {} : { className: column.className }),
      ...(column.search === true ? { search: true as const } : {}),
    })),
    rows: rows.map((row) => [
      row.urn,
      ...columns.map((column) => encodeCell(column as Column<never>, column.cell(row))),
    ]),
  };
}

/** What JSON text must not hold raw inside a `<script>` element, and its `\u` escape. */
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * `value` as JSON that is safe as the whole text of a `<script>` element: `<`, `>` and `&` (so no
 * `</script>`, `<!--` or reference can form) and U+2028/U+2029 become `\u` escapes, which
 * `JSON.parse` reads back as the same characters. Lone surrogates and NUL are escaped by
 * `JSON.stringify` itself, so the text is well-formed UTF-8 and every value reads back exactly.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(
    SCRIPT_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
