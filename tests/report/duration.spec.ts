/** The duration flags' values (report/duration.ts). */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { formatDurationHours, parseDurationHours } from "../../report/duration";

describe("report durations", () => {
  it("reads h, d and w as hours", () => {
    assert.deepEqual(
      ["12h", "30d", "2w", "0h", " 7d "].map(parseDurationHours),
      [12, 720, 336, 0, 168],
    );
  });

  it("refuses anything else (failing cases): no unit, a fraction, a sign, other units", () => {
    for (const text of ["30", "1.5d", "-1d", "3m", "1y", "d", "", "1d2h", "1D"]) {
      assert.equal(parseDurationHours(text), undefined, text);
    }
  });

  it("writes hours as the shortest exact duration, which reads back to the same hours", () => {
    assert.deepEqual([720, 336, 25, 0].map(formatDurationHours), ["30d", "2w", "25h", "0h"]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (hours) => {
        assert.equal(parseDurationHours(formatDurationHours(hours)), hours);
      }),
    );
  });
});
