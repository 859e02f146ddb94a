/** Renders rows as a plain-text table with a header rule, columns padded to their widest cell. */

/**
 * Formats a table.
 * @param headers - column titles
 * @param rows - cells per row, as many as headers
 */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (cell ?? "").padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join(
    "\n",
  );
}
