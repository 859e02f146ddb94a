import assert from "node:assert/strict";
import { environmentClock, fixedClock, now, setClock } from "../../provider/core/clock";
import { isRenewalDue, renewalStartsAt } from "../../provider/core/renewal";

describe("renewal decision", () => {
  const notAfter = new Date("2027-03-01T00:00:00Z");

  it("is not due one millisecond before the window opens", () => {
    assert.equal(isRenewalDue(notAfter, 24, new Date("2027-02-27T23:59:59.999Z")), false);
  });

  it("is due exactly when the window opens (now = notAfter - earlyRenewalHours)", () => {
    assert.equal(isRenewalDue(notAfter, 24, new Date("2027-02-28T00:00:00Z")), true);
  });

  it("with earlyRenewalHours 0 is due exactly at notAfter, not before", () => {
    assert.equal(isRenewalDue(notAfter, 0, new Date("2027-02-28T23:59:59.999Z")), false);
    assert.equal(isRenewalDue(notAfter, 0, notAfter), true);
  });

  it("accepts RFC 3339 text, treats unparseable expiry as due and missing expiry as not due", () => {
    assert.equal(isRenewalDue("2027-03-01T00:00:00Z", 1, new Date("2027-02-28T23:00:00Z")), true);
    assert.equal(isRenewalDue("not a date", 1, new Date()), true);
    assert.equal(isRenewalDue(undefined, 1, new Date()), false);
  });

  it("computes the window start", () => {
    assert.equal(renewalStartsAt(notAfter, 720).toISOString(), "2027-01-30T00:00:00.000Z");
  });

  it("defaults to the provider clock, which honours CERTPLANE_NOW and CERTPLANE_CLOCK_OFFSET_SECONDS", () => {
    const saved = { ...process.env };
    try {
      process.env.CERTPLANE_NOW = "2027-02-28T00:00:00Z";
      assert.equal(now().toISOString(), "2027-02-28T00:00:00.000Z");
      assert.equal(isRenewalDue(notAfter, 24), true);
      process.env.CERTPLANE_CLOCK_OFFSET_SECONDS = "-1";
      assert.equal(environmentClock.now().toISOString(), "2027-02-27T23:59:59.000Z");
      assert.equal(isRenewalDue(notAfter, 24), false);
      process.env.CERTPLANE_NOW = "1800000000000";
      delete process.env.CERTPLANE_CLOCK_OFFSET_SECONDS;
      assert.equal(now().getTime(), 1800000000000);
      process.env.CERTPLANE_NOW = "yesterday";
      assert.throws(
        () => now(),
        /CERTPLANE_NOW must be an RFC 3339 time or epoch milliseconds; got "yesterday"/,
      );
    } finally {
      delete process.env.CERTPLANE_NOW;
      delete process.env.CERTPLANE_CLOCK_OFFSET_SECONDS;
      Object.assign(process.env, saved);
    }
  });

  it("uses an installed clock until restored", () => {
    const restore = setClock(fixedClock("2030-01-01T00:00:00Z"));
    assert.equal(now().toISOString(), "2030-01-01T00:00:00.000Z");
    restore();
    assert.notEqual(now().toISOString(), "2030-01-01T00:00:00.000Z");
  });
});
