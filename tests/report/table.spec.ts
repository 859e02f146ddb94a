/** The table (report/render/table.ts): columns aligned by terminal width, colour only when asked. */
import { strict as assert } from "node:assert";
import type { Report, ReportRow } from "../../report/model";
import { renderTable } from "../../report/render/table";
import { displayWidth, printable } from "../../report/render/textWidth";
import { reportRow } from "./support/fixtures";

const row = (over: Partial<ReportRow>): ReportRow => reportRow({ stack: "s", urn: "u", ...over });
const report = (rows: ReportRow[]): Report => ({
  formatVersion: 1,
  generatedAt: "2027-01-30T00:00:00Z",
  warnWithinHours: 720,
  sources: [{ stack: "s", from: "f", rows: rows.length }],
  rows,
});

describe("report table", () => {
  it("aligns columns by what a terminal shows: wide CJK letters count two, a line feed is shown escaped", () => {
    const text = renderTable(
      report([
        row({ subject: "CN=東京", serial: "AB" }),
        row({ subject: "CN=a\nb", serial: "CD" }),
      ]),
      {
        colour: false,
      },
    );
    const lines = text.split("\n");
    const serialColumn = (line: string) =>
      displayWidth(line.slice(0, line.indexOf(line.includes("AB") ? "AB" : "CD")));
    assert.equal(serialColumn(lines[1]), serialColumn(lines[2]));
    assert.ok(lines[2].includes("CN=a\\nb"));
    assert.equal(lines.length, 6);
  });

  it("colours the status cell only when asked: red expired, magenta renewal due, yellow expiring, green ok", () => {
    const rows = (["expired", "renewal due", "expiring", "ok"] as const).map((status) =>
      row({ status }),
    );
    const coloured = renderTable(report(rows), { colour: true }).split("\n").slice(1, 5);
    assert.deepEqual(
      coloured.map((line) => /^\u001b\[(\d+)m/.exec(line)?.[1]),
      ["31", "35", "33", "32"],
    );
    assert.doesNotMatch(renderTable(report(rows), { colour: false }), /\u001b/);
  });

  it("prints only the summary for a report with no rows", () => {
    assert.equal(
      renderTable(report([]), { colour: true }),
      "0 certificate(s) and token(s) in 1 stack(s) at 2027-01-30T00:00:00Z: 0 expired, 0 renewal due, 0 expiring, 0 ok (expiring = within 30d)\n",
    );
  });

  it("shows control characters as escapes and counts widths", () => {
    assert.deepEqual(
      [printable("a\u001b[31mb\tc"), displayWidth("é東e\u0301")],
      ["a\\u001b[31mb\\tc", 4],
    );
  });
});
