/** The one time format (issue 24): RFC 3339, UTC, whole seconds, and reading every earlier format. */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  formatInstant,
  formatVendorInstant,
  keepStoredInstants,
  sameInstant,
} from "../../provider/core/instant";

const ONE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const instants = fc.date({
  min: new Date("1970-01-01T00:00:00Z"),
  max: new Date("9999-12-31T23:59:59Z"),
  noInvalidDate: true,
});

describe("time format (provider/core/instant)", () => {
  it("formats to whole seconds in UTC, dropping fractions (never later than the real time)", () => {
    assert.equal(formatInstant(new Date("2027-01-31T00:00:00.999Z")), "2027-01-31T00:00:00Z");
    assert.equal(formatInstant("2027-01-31T02:00:00+02:00"), "2027-01-31T00:00:00Z");
    assert.equal(formatInstant(1_800_000_000_132), "2027-01-15T08:00:00Z");
  });

  it("failing case: a value that is not a time is refused, naming it", () => {
    assert.throws(() => formatInstant("next year"), {
      name: "RangeError",
      message: 'not a valid time: "next year"',
    });
  });

  it("property: every instant formats to the one format and back to the same second", () => {
    fc.assert(
      fc.property(instants, (date) => {
        const text = formatInstant(date);
        assert.match(text, ONE_FORMAT);
        assert.equal(Date.parse(text), Math.floor(date.getTime() / 1000) * 1000);
        assert.equal(formatInstant(text), text);
      }),
    );
  });

  it("property: state written in an earlier format names the same instant as the one format", () => {
    fc.assert(
      fc.property(instants, (date) => {
        const now = formatInstant(date);
        for (const earlier of [date.toISOString(), date.toISOString().replace(/\.\d+Z$/, "Z")]) {
          assert.equal(sameInstant(earlier, now), true);
          assert.equal(sameInstant(now, earlier), true);
        }
        assert.equal(sameInstant(now, formatInstant(date.getTime() + 1000)), false);
      }),
    );
    assert.equal(sameInstant("2027-01-31T00:00:00Z", undefined), false);
    assert.equal(sameInstant("soon", "soon"), false);
  });

  it("a vendor's time is reformatted when it reads as one, else kept as sent", () => {
    assert.equal(formatVendorInstant("2026-12-06T19:48:05.132Z"), "2026-12-06T19:48:05Z");
    assert.equal(formatVendorInstant("yesterday"), "yesterday");
    assert.equal(formatVendorInstant(undefined), undefined);
  });

  it("a refresh keeps a stored time's text when it names the same second, and takes a new time", () => {
    const stored = { notAfter: "2027-01-31T00:00:00.000Z", notBefore: "2026-11-01T00:00:00.000Z" };
    const fresh = { notAfter: "2027-01-31T00:00:00Z", notBefore: "2026-12-01T00:00:00Z", x: 1 };
    assert.deepEqual(keepStoredInstants(stored, fresh, ["notAfter", "notBefore"]), {
      notAfter: "2027-01-31T00:00:00.000Z",
      notBefore: "2026-12-01T00:00:00Z",
      x: 1,
    });
  });
});
