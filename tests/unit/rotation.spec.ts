import assert from "node:assert/strict";
import { fixedClock, setClock } from "../../provider/core/clock";
import { isRotationDue, rotationReason, rotationStartsAt } from "../../provider/core/rotation";

describe("key rotation decision", () => {
  const createdAt = new Date("2030-01-01T00:00:00Z");

  it("is not due one millisecond before the key reaches rotateAfterHours", () => {
    assert.equal(isRotationDue(createdAt, 1440, new Date("2030-03-01T23:59:59.999Z")), false);
  });

  it("is due exactly when the key is rotateAfterHours old", () => {
    assert.equal(isRotationDue(createdAt, 1440, new Date("2030-03-02T00:00:00Z")), true);
  });

  it("computes the rotation instant", () => {
    assert.equal(rotationStartsAt(createdAt, 1440).toISOString(), "2030-03-02T00:00:00.000Z");
  });

  it("accepts RFC 3339 text in any precision the state may hold", () => {
    const at = new Date("2030-01-01T01:00:00Z");
    assert.equal(isRotationDue("2030-01-01T00:00:00Z", 1, at), true);
    assert.equal(isRotationDue("2030-01-01T00:00:00.001Z", 1, at), false);
  });

  it("failing case: a key of unknown or unreadable age counts as due", () => {
    assert.equal(isRotationDue(undefined, 87_600, createdAt), true);
    assert.equal(isRotationDue("not a time", 87_600, createdAt), true);
  });

  it("defaults to the provider clock", () => {
    const restore = setClock(fixedClock("2030-01-02T00:00:00Z"));
    try {
      assert.equal(isRotationDue(createdAt, 24), true);
      assert.equal(isRotationDue(createdAt, 25), false);
    } finally {
      restore();
    }
  });

  it("says why: the key's creation, its age in whole hours, the instant and the setting", () => {
    assert.equal(
      rotationReason("2030-01-01T00:00:00Z", 1440, new Date("2030-03-02T00:30:00.500Z")),
      "the key made at 2030-01-01T00:00:00Z is 1440 hours old at 2030-03-02T00:30:00Z; " +
        "rotateAfterHours is 1440",
    );
    assert.equal(
      rotationReason(undefined, 720, createdAt),
      "the key's age is unknown (its state was written before certplane recorded keyCreatedAt) " +
        "and rotateAfterHours is 720",
    );
  });
});
