/**
 * The columns of the page's two tables (certificates and tokens; keys with no certificate in their
 * stack), said once: each column's heading, how its cells read (`kind`), what they sort by, and
 * whether the text filter searches it. The server's first page (rowsTable.ts) and the page's
 * script (tableScript.ts) both draw a cell from the same {@link CellValue}, so with or without
 * JavaScript a row reads the same.
 */
import { keyRotationText } from "../keyRotationText";
import type { KeyFacts, KeyRow, ReportRow } from "../model";
import { daysLeftText, epochOf } from "./cellText";
import { statusRank } from "./statusStyle";

/**
 * How a cell is drawn from its value. `text`: the text, sorted as text. `time`: the text in a
 * `<time>` when it is a readable instant. `window`: `none`, or `from ` and a time. `number`: the
 * text, right-aligned. `status`: a coloured dot (the class of its rank) and the text.
 * `keyRotation`: the text, its `key rotation due` marker in its own span when due.
 */
export type CellKind = "text" | "time" | "window" | "number" | "status" | "keyRotation";

/**
 * One cell as data. `text` is what it shows (`null`: a renewal window that is absent); `key`, for
 * every kind but `text`, the number it sorts by (`null`: no key, sorted last either way); `due`
 * marks a key whose rotation is due.
 */
export interface CellValue {
  readonly text: string | null;
  readonly key?: number | null;
  readonly due?: boolean;
}

/** A column of a table. */
export interface Column<Row> {
  /** A stable name for tests, tools and the script: the `data-column` of the header. */
  readonly id: string;
  readonly heading: string;
  readonly kind: CellKind;
  /** The cell's value for `row`. */
  readonly cell: (row: Row) => CellValue;
  /** Extra class of the column's cells. */
  readonly className?: "num" | "wrap" | "nowrap";
  /** Whether the table's text filter searches this column. */
  readonly search?: boolean;
}

/** A text cell (sorted by its text; empty text last). */
function text(value: string | undefined): CellValue {
  return { text: value ?? "" };
}

/** A time cell: the report's text, sorting by its instant (unreadable or absent: last). */
function time(value: string | undefined): CellValue {
  return { text: value ?? "", key: epochOf(value) ?? null };
}

/**
 * The key-rotation cell: keyRotationText's words, sorted by the rotation instant, a due key of
 * unknown age first (epoch 0: due since ever).
 */
function keyRotation(facts: KeyFacts): CellValue {
  const words = keyRotationText(facts);
  if (words === undefined) return { text: "", key: null };
  const due = facts.keyRotation === "due";
  const epoch = epochOf(facts.keyRotationDue);
  return { text: words, key: epoch ?? (due ? 0 : null), ...(due ? { due } : {}) };
}

/** The key columns, shared by both tables. */
function keyColumns<Row extends KeyFacts>(): Column<Row>[] {
  return [
    {
      id: "keyCreatedAt",
      heading: "Key created",
      kind: "time",
      className: "nowrap",
      cell: (row) => time(row.keyCreatedAt),
    },
    {
      id: "keyRotation",
      heading: "Key rotation",
      kind: "keyRotation",
      className: "nowrap",
      cell: keyRotation,
    },
  ];
}

/** The certificates' table, in order. */
export const ROW_COLUMNS: readonly Column<ReportRow>[] = [
  { id: "stack", heading: "Stack", kind: "text", search: true, cell: (row) => text(row.stack) },
  { id: "name", heading: "Name", kind: "text", search: true, cell: (row) => text(row.name) },
  { id: "type", heading: "Type", kind: "text", cell: (row) => text(row.type) },
  { id: "vendor", heading: "Vendor", kind: "text", cell: (row) => text(row.vendor) },
  {
    id: "subject",
    heading: "Subject",
    kind: "text",
    className: "wrap",
    search: true,
    cell: (row) => text(row.subject),
  },
  {
    id: "serial",
    heading: "Serial",
    kind: "text",
    className: "wrap",
    search: true,
    cell: (row) => text(row.serial),
  },
  {
    id: "notBefore",
    heading: "Not before",
    kind: "time",
    className: "nowrap",
    cell: (row) => time(row.notBefore),
  },
  {
    id: "notAfter",
    heading: "Not after",
    kind: "time",
    className: "nowrap",
    cell: (row) => time(row.notAfter),
  },
  {
    id: "daysLeft",
    heading: "Days left",
    kind: "number",
    className: "num",
    cell: (row) => ({
      text: daysLeftText(row.daysLeft),
      key: Number.isFinite(row.daysLeft) ? row.daysLeft : null,
    }),
  },
  {
    id: "renewalWindow",
    heading: "Renewal window",
    kind: "window",
    className: "nowrap",
    cell: (row) =>
      row.renewalWindowStart === undefined
        ? { text: null, key: null }
        : time(row.renewalWindowStart),
  },
  {
    id: "status",
    heading: "Status",
    kind: "status",
    className: "nowrap",
    cell: (row) => ({ text: row.status, key: statusRank(row.status) }),
  },
  ...keyColumns<ReportRow>(),
];

/** The keys' table, in order. */
export const KEY_COLUMNS: readonly Column<KeyRow>[] = [
  { id: "stack", heading: "Stack", kind: "text", search: true, cell: (key) => text(key.stack) },
  { id: "name", heading: "Name", kind: "text", search: true, cell: (key) => text(key.name) },
  {
    id: "fingerprint",
    heading: "Fingerprint",
    kind: "text",
    className: "wrap",
    search: true,
    cell: (key) => text(key.fingerprint),
  },
  ...keyColumns<KeyRow>(),
];

/** How a column sorts: `text` by its text, `number` by its cells' keys. */
export function sortType(column: { readonly kind: CellKind }): "text" | "number" {
  return column.kind === "text" ? "text" : "number";
}
