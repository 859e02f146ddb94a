/**
 * The status rule (report/status.ts) and the gate's test, as properties over any instants: worst
 * wins (expired > renewal due > expiring > ok), each boundary falls on the side the docs say.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { daysLeft, expiresWithin, statusAt } from "../../report/status";

const HOUR_MS = 3_600_000;
const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });
const hours = fc.integer({ min: 0, max: 24 * 400 });

describe("report status rule", () => {
  it("is expired exactly when the instant has reached not-after, whatever the window", () => {
    fc.assert(
      fc.property(instant, instant, fc.option(hours), hours, (notAfterMs, atMs, early, warn) => {
        const renewalStartMs = early === null ? undefined : notAfterMs - early * HOUR_MS;
        const status = statusAt({ notAfterMs, renewalStartMs, atMs, warnWithinHours: warn });
        assert.equal(status === "expired", atMs >= notAfterMs);
      }),
    );
  });

  it("before expiry, is renewal due exactly when the window has opened", () => {
    fc.assert(
      fc.property(instant, hours, hours, hours, (notAfterMs, early, before, warn) => {
        const atMs = notAfterMs - before * HOUR_MS - 1;
        const renewalStartMs = notAfterMs - early * HOUR_MS;
        const status = statusAt({ notAfterMs, renewalStartMs, atMs, warnWithinHours: warn });
        assert.equal(status === "renewal due", atMs >= renewalStartMs);
      }),
    );
  });

  it("outside the window, is expiring exactly when not-after is within --warn-within, else ok", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 10 ** 10 }),
        hours,
        (notAfterMs, leftMs, warn) => {
          const atMs = notAfterMs - leftMs;
          const status = statusAt({ notAfterMs, atMs, warnWithinHours: warn });
          assert.equal(status, leftMs <= warn * HOUR_MS ? "expiring" : "ok");
        },
      ),
    );
  });

  it("puts each boundary where the docs say: at not-after expired, at the window's start due, at warn's edge expiring", () => {
    const notAfterMs = Date.parse("2027-01-31T00:00:00Z");
    const renewalStartMs = notAfterMs - 240 * HOUR_MS;
    const at = (atMs: number) =>
      statusAt({ notAfterMs, renewalStartMs, atMs, warnWithinHours: 720 });
    assert.deepEqual(
      [
        at(notAfterMs),
        at(notAfterMs - 1),
        at(renewalStartMs),
        at(renewalStartMs - 1),
        at(notAfterMs - 720 * HOUR_MS),
        at(notAfterMs - 720 * HOUR_MS - 1),
      ],
      ["expired", "renewal due", "renewal due", "expiring", "expiring", "ok"],
    );
  });

  it("trips the gate exactly when not-after is at most the span away (expired included)", () => {
    fc.assert(
      fc.property(instant, instant, hours, (notAfterMs, atMs, span) => {
        assert.equal(expiresWithin(notAfterMs, atMs, span), notAfterMs <= atMs + span * HOUR_MS);
      }),
    );
  });

  it("counts days left to three decimals, negative once expired", () => {
    const notAfterMs = Date.parse("2027-01-31T00:00:00Z");
    assert.deepEqual(
      [
        daysLeft(notAfterMs, notAfterMs - 36 * HOUR_MS),
        daysLeft(notAfterMs, notAfterMs + 12 * HOUR_MS),
        daysLeft(notAfterMs, notAfterMs - 60_000),
      ],
      [1.5, -0.5, 0.001],
    );
  });
});
