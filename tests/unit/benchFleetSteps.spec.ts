/**
 * The fleet benchmark's guards (bench/fleetSteps.ts): a timed `up` counts only when the engine's
 * steps per certplane type and the PCA sign requests are exactly what its change makes on N
 * certificates — a renewal day that replaced nothing, or renewed one certificate too few, fails
 * the run — and the renewal day's clock offset puts every certificate and key of the fleet past its
 * instant.
 */
import { strict as assert } from "node:assert";
import {
  assertFleetChange,
  countSteps,
  expectedSteps,
  renewalDayOffsetSeconds,
  type FleetChange,
} from "../../bench/fleetSteps";
import { CERTIFICATE_TOKEN, KEY_TOKEN } from "../../bench/programs/nativeTokens";
import type { EngineStep } from "../../tools/devkit/stackProtocol";

const HOUR_MS = 3_600_000;
const REPLACED = ["create-replacement", "replace", "delete-replaced"];
let sequence = 0;

/** The engine's `pre` and `done` events of `op` on resource `name` of `type`. */
function events(type: string, name: string, op: string): EngineStep[] {
  const urn = `urn:pulumi:fleet::certplane-bench::${type}::${name}`;
  return (["pre", "done"] as const).map((phase) => ({
    sequence: sequence++,
    phase,
    op,
    urn,
    type,
    diffs: [],
    initErrors: [],
  }));
}

/** The events an `up` making `change` on `count` certificates reports, stack and provider included. */
function upEvents(
  change: FleetChange,
  count: number,
  others: { stack?: string; provider?: string } = {},
): EngineStep[] {
  const keyOps = { issue: ["create"], none: ["same"], renew: ["same"], rotate: REPLACED }[change];
  const certificateOps = change === "issue" ? ["create"] : change === "none" ? ["same"] : REPLACED;
  const steps = [
    ...events("pulumi:pulumi:Stack", "certplane-bench-fleet", others.stack ?? "same"),
    ...events("pulumi:providers:certplane", "default", others.provider ?? "same"),
  ];
  for (let i = 0; i < count; i++) {
    for (const op of keyOps) steps.push(...events(KEY_TOKEN, `csr-${i}`, op));
    for (const op of certificateOps) steps.push(...events(CERTIFICATE_TOKEN, `cert-${i}`, op));
  }
  return steps;
}

describe("bench fleet: what each timed up must have done", () => {
  it("counts the ops started per certplane type, not their done events nor other types", () => {
    assert.deepEqual(countSteps(upEvents("renew", 3, { stack: "update" })), {
      [KEY_TOKEN]: { same: 3 },
      [CERTIFICATE_TOKEN]: { "create-replacement": 3, replace: 3, "delete-replaced": 3 },
    });
  });

  it("expects N creates, N sames, N certificate replacements, or N of both replaced", () => {
    const replaced = { "create-replacement": 4, replace: 4, "delete-replaced": 4 };
    assert.deepEqual(expectedSteps("issue", 4), {
      [KEY_TOKEN]: { create: 4 },
      [CERTIFICATE_TOKEN]: { create: 4 },
    });
    assert.deepEqual(expectedSteps("none", 4), {
      [KEY_TOKEN]: { same: 4 },
      [CERTIFICATE_TOKEN]: { same: 4 },
    });
    assert.deepEqual(expectedSteps("renew", 4), {
      [KEY_TOKEN]: { same: 4 },
      [CERTIFICATE_TOKEN]: replaced,
    });
    assert.deepEqual(expectedSteps("rotate", 4), {
      [KEY_TOKEN]: replaced,
      [CERTIFICATE_TOKEN]: replaced,
    });
  });

  it("accepts each change with its own steps and N sign requests (0 for none)", () => {
    for (const change of ["issue", "renew", "rotate"] as const) {
      assertFleetChange("up", change, 5, { steps: upEvents(change, 5), signRequests: 5 });
    }
    assertFleetChange("up", "none", 5, { steps: upEvents("none", 5), signRequests: 0 });
  });

  it("fails a renewal day on which nothing was replaced, naming the phase and both counts", () => {
    assert.throws(
      () =>
        assertFleetChange("renewal day up of 5", "renew", 5, {
          steps: upEvents("none", 5),
          signRequests: 0,
        }),
      (error: Error) => {
        assert.equal(
          error.message,
          `renewal day up of 5: expected the steps {"${KEY_TOKEN}":{"same":5},"${CERTIFICATE_TOKEN}":` +
            `{"create-replacement":5,"delete-replaced":5,"replace":5}} (renew); got ` +
            `{"${KEY_TOKEN}":{"same":5},"${CERTIFICATE_TOKEN}":{"same":5}}`,
        );
        return true;
      },
    );
  });

  it("fails a renewal that left one certificate out, or rotated keys it should have kept", () => {
    const oneShort = upEvents("renew", 4).concat(events(KEY_TOKEN, "csr-4", "same"));
    oneShort.push(...events(CERTIFICATE_TOKEN, "cert-4", "same"));
    assert.throws(
      () => assertFleetChange("up", "renew", 5, { steps: oneShort, signRequests: 4 }),
      /expected the steps .*"create-replacement":5.*got .*"create-replacement":4.*"same":1/,
    );
    assert.throws(
      () => assertFleetChange("up", "renew", 5, { steps: upEvents("rotate", 5), signRequests: 5 }),
      /\(renew\); got .*"certplane:index:CertificateRequest":\{"create-replacement":5/,
    );
  });

  it("fails when the sign requests are not one per new certificate", () => {
    assert.throws(
      () => assertFleetChange("up", "renew", 5, { steps: upEvents("renew", 5), signRequests: 6 }),
      /^Error: up: expected 5 PCA sign requests \(renew\); got 6$/,
    );
    assert.throws(
      () => assertFleetChange("up", "none", 5, { steps: upEvents("none", 5), signRequests: 1 }),
      /expected 0 PCA sign requests \(none\); got 1/,
    );
  });

  it("fails a no-change up in which any other step changed", () => {
    assert.throws(
      () =>
        assertFleetChange("no-change up", "none", 2, {
          steps: upEvents("none", 2, { provider: "update" }),
          signRequests: 0,
        }),
      /^Error: no-change up: expected no change; 1 steps were not 'same'$/,
    );
  });
});

describe("bench fleet: the renewal day", () => {
  const schedule = { certDurationHours: 2160, earlyRenewalHours: 720, rotateAfterHours: 1440 };
  const issuedBy = Date.parse("2030-01-01T00:00:00Z");

  it("is an hour after the last certificate's window opened and its key's rotation age", () => {
    const now = issuedBy + 90_000;
    const offset = renewalDayOffsetSeconds(schedule, issuedBy, now);
    assert.equal(offset, 1441 * 3600 - 90);
    const day = now + offset * 1000;
    // The last certificate issued (notAfter = issuedBy + 2160 h) is inside its window, not expired.
    assert.ok(day >= issuedBy + (2160 - 720) * HOUR_MS && day < issuedBy + 2160 * HOUR_MS);
    assert.ok(day >= issuedBy + 1440 * HOUR_MS);
  });

  it("rounds to whole seconds", () => {
    assert.equal(renewalDayOffsetSeconds(schedule, issuedBy, issuedBy + 1_400), 1441 * 3600 - 1);
  });

  it("refuses a schedule with no such hour: keys due after their window, or a window under 2 hours", () => {
    for (const bad of [
      { ...schedule, rotateAfterHours: 1441 },
      { ...schedule, earlyRenewalHours: 1 },
    ]) {
      assert.throws(
        () => renewalDayOffsetSeconds(bad, issuedBy, issuedBy),
        new RegExp(
          `^Error: the renewal schedule \\{"certDurationHours":2160,"earlyRenewalHours":${bad.earlyRenewalHours},` +
            `"rotateAfterHours":${bad.rotateAfterHours}\\} has no renewal day: earlyRenewalHours must be at ` +
            "least 2 and rotateAfterHours at most certDurationHours − earlyRenewalHours$",
        ),
      );
    }
  });
});
