/** The printed fault matrix: one row per vendor request, one column per fault. */
import { renderTable } from "../../tools/devkit/table";
import { FAULT_KINDS, type FaultKind } from "./faultKinds";

/**
 * A cell as shown: "retried", "error", "error†" (a typed error, and the vendor keeps an object no
 * API can find again), "-" (does not apply), or "FAIL" (expectation not met).
 */
export type CellMark = "retried" | "error" | "error†" | "-" | "FAIL";

/** Collects marks and renders the matrix with totals. */
export class FaultMatrix {
  private readonly rows = new Map<string, Map<FaultKind, CellMark>>();

  /** Adds a row (all "-") so rows keep this order however cells complete. */
  addRow(row: string): void {
    if (!this.rows.has(row)) this.rows.set(row, new Map<FaultKind, CellMark>());
  }

  /** Records one cell. */
  mark(row: string, kind: FaultKind, mark: CellMark): void {
    const cells = this.rows.get(row) ?? new Map<FaultKind, CellMark>();
    cells.set(kind, mark);
    this.rows.set(row, cells);
  }

  /** Number of cells with each mark. */
  totals(): Record<CellMark, number> {
    const totals: Record<CellMark, number> = { retried: 0, error: 0, "error†": 0, "-": 0, FAIL: 0 };
    for (const cells of this.rows.values()) {
      for (const kind of FAULT_KINDS) totals[cells.get(kind) ?? "-"] += 1;
    }
    return totals;
  }

  /** The matrix as text. */
  render(): string {
    const headers = ["vendor request (step)", ...FAULT_KINDS];
    const body = [...this.rows].map(([row, cells]) => [
      row,
      ...FAULT_KINDS.map((kind) => cells.get(kind) ?? "-"),
    ]);
    const t = this.totals();
    return (
      `${renderTable(headers, body)}\n` +
      `${t.retried} retried to success, ${t.error + t["error†"]} typed errors (${t["error†"]} †: the ` +
      `vendor kept an object no API can find: AppViewX has no SSH-certificate search), ${t.FAIL} failed, ` +
      `${t["-"]} not applicable`
    );
  }
}
