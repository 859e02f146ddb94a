/**
 * `CertificateRequest.rotateAfterHours` in the hooks, on a fixed provider clock: check (a whole
 * number of hours, never with a brought key), create (records `keyCreatedAt`), diff (the key at its
 * rotation age replaces, named `keyCreatedAt`, create-before-delete; a new setting updates in place;
 * state from before `keyCreatedAt` existed), update (keeps the key, drops a removed setting).
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { setLogSink } from "../../provider/core/log";
import { UNKNOWN } from "../../provider/core/validation";
import * as hooks from "../../provider/csr/certificateRequest";
import type { CertificateRequestOutputs } from "../../provider/csr/certificateRequest";
import type { CertificateRequestInputs } from "../../provider/csr/certificateRequestInputs";
import { atInstant } from "../support/atInstant";

const CREATED = "2030-01-01T00:00:00Z";
const HOUR_MS = 3_600_000;
/** An instant `hours` after {@link CREATED}, minus `ms` milliseconds. */
const hoursAfter = (hours: number, ms = 0) => new Date(Date.parse(CREATED) + hours * HOUR_MS - ms);
const SUBJECT = { commonName: "nso-user" };
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };
const ROTATE = { changes: true, replaces: ["keyCreatedAt"], deleteBeforeReplace: false };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };
const byoKey = () =>
  generateKeyPairSync("ec", { namedCurve: "P-256" })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();

/** Runs `body` with the provider clock at `at`. */

async function checked(news: Record<string, unknown>): Promise<CertificateRequestInputs> {
  const { inputs, failures } = await hooks.check({}, news);
  assert.deepEqual(failures, []);
  return inputs as CertificateRequestInputs;
}

/** A key made at {@link CREATED} with `news`; its outputs and checked inputs. */
async function madeAtCreated(news: Record<string, unknown>) {
  const inputs = await checked(news);
  const { outs } = await atInstant(CREATED, () => hooks.create(inputs as Record<string, unknown>));
  return { inputs, outs: outs as CertificateRequestOutputs };
}

describe("CertificateRequest.rotateAfterHours (hooks, fixed clock)", function () {
  this.timeout(20_000);
  // diff logs each rotation; only the test of that line reads it.
  let restoreLog: () => void;
  before(() => (restoreLog = setLogSink(() => undefined)));
  after(() => restoreLog());

  describe("check", () => {
    it("takes a whole number of hours and returns it", async () => {
      const inputs = await checked({ subject: SUBJECT, rotateAfterHours: 1440 });
      assert.equal(inputs.rotateAfterHours, 1440);
      assert.equal(
        (await checked({ subject: SUBJECT, rotateAfterHours: "720" })).rotateAfterHours,
        720,
      );
    });

    const rejected: Array<[string, unknown]> = [
      ["zero", 0],
      ["negative", -24],
      ["a fraction", 1.5],
      ["more than ten years", 87_601],
      ["text", "monthly"],
    ];
    for (const [label, value] of rejected) {
      it(`failing case: rotateAfterHours ${label} names the property, the value and the range`, async () => {
        const { failures, inputs } = await hooks.check(
          {},
          { subject: SUBJECT, rotateAfterHours: value },
        );
        assert.deepEqual(failures, [
          {
            property: "rotateAfterHours",
            reason: `rotateAfterHours must be a whole number from 1 to 87600; got ${JSON.stringify(value)}.`,
          },
        ]);
        // The answer keeps what the user wrote beside the failure.
        assert.equal(inputs.rotateAfterHours, value);
      });
    }

    it("failing case: rotateAfterHours with a brought privateKeyPem, without printing the key", async () => {
      const key = byoKey();
      const { failures } = await hooks.check(
        {},
        { privateKeyPem: key, subject: SUBJECT, rotateAfterHours: 720 },
      );
      assert.deepEqual(failures, [
        {
          property: "rotateAfterHours",
          reason:
            "rotateAfterHours cannot be combined with privateKeyPem (bring your own key); got " +
            "rotateAfterHours 720: certplane cannot make a new key for a key you bring. Remove " +
            "rotateAfterHours and rotate the key where it is made, or remove privateKeyPem to have " +
            "certplane generate and rotate the key.",
        },
      ]);
      assert.equal(JSON.stringify(failures).includes(key.split("\n")[1]), false);
    });

    it("during preview, an unknown rotateAfterHours or privateKeyPem is skipped, not failed", async () => {
      const key = byoKey();
      for (const news of [
        { privateKeyPem: key, subject: SUBJECT, rotateAfterHours: UNKNOWN },
        { privateKeyPem: UNKNOWN, subject: SUBJECT, rotateAfterHours: 720 },
      ]) {
        assert.deepEqual((await hooks.check({}, news)).failures, []);
      }
    });
  });

  describe("create", () => {
    it("records when the key was made, RFC 3339 UTC to the second, and echoes the setting", async () => {
      const { outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 1440 });
      assert.equal(outs.keyCreatedAt, CREATED);
      assert.equal(outs.rotateAfterHours, 1440);
      const { outs: later } = await atInstant("2030-01-01T00:00:00.999Z", () =>
        hooks.create({ subject: SUBJECT }),
      );
      assert.equal(later.keyCreatedAt, "2030-01-01T00:00:00Z");
      assert.equal("rotateAfterHours" in later, false);
    });

    it("records no creation time for a brought key (certplane did not make it)", async () => {
      const inputs = await checked({ privateKeyPem: byoKey(), subject: SUBJECT });
      const { outs } = await hooks.create(inputs as Record<string, unknown>);
      assert.equal("keyCreatedAt" in outs, false);
    });
  });

  describe("diff", () => {
    it("without the setting, a key of any age is never replaced", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT });
      assert.deepEqual(
        await atInstant(hoursAfter(87_600 * 2), () => hooks.diff("id", outs, inputs)),
        NO_CHANGE,
      );
    });

    it("is no change one second before rotateAfterHours; at it, replaces the key naming keyCreatedAt", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 1440 });
      assert.deepEqual(
        await atInstant(hoursAfter(1440, 1000), () => hooks.diff("id", outs, inputs)),
        NO_CHANGE,
      );
      assert.deepEqual(
        await atInstant(hoursAfter(1440), () => hooks.diff("id", outs, inputs)),
        ROTATE,
      );
    });

    it("says why in the provider's log: the key's creation, age and the setting", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 1440 });
      const lines: string[] = [];
      const restore = setLogSink((line) => lines.push(line));
      try {
        await atInstant(hoursAfter(1441), () => hooks.diff("id", outs, inputs));
      } finally {
        restore();
      }
      assert.deepEqual(lines, [
        `certplane: CertificateRequest ${outs.publicKeyFingerprintSha256}: replacing the key and ` +
          "CSR, since the key made at 2030-01-01T00:00:00Z is 1441 hours old at " +
          "2030-03-02T01:00:00Z; rotateAfterHours is 1440.",
      ]);
    });

    it("a new rotateAfterHours on a younger key updates in place; on an older key, replaces", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 1440 });
      const shorter = { ...inputs, rotateAfterHours: 720 };
      assert.deepEqual(
        await atInstant(hoursAfter(719), () => hooks.diff("id", outs, shorter)),
        UPDATE,
      );
      assert.deepEqual(
        await atInstant(hoursAfter(720), () => hooks.diff("id", outs, shorter)),
        ROTATE,
      );
    });

    it("adding the setting to a key made without it counts the age from keyCreatedAt", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT });
      const asked = { ...inputs, rotateAfterHours: 720 };
      assert.deepEqual(
        await atInstant(hoursAfter(700), () => hooks.diff("id", outs, asked)),
        UPDATE,
      );
      assert.deepEqual(
        await atInstant(hoursAfter(721), () => hooks.diff("id", outs, asked)),
        ROTATE,
      );
    });

    it("removing the setting updates in place, whatever the key's age", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 24 });
      const { rotateAfterHours: _dropped, ...without } = inputs;
      assert.deepEqual(
        await atInstant(hoursAfter(48), () => hooks.diff("id", outs, without)),
        UPDATE,
      );
    });

    it("state from before keyCreatedAt: no diff without the setting; replaced once it is set", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT });
      const { keyCreatedAt: _unknown, ...upgraded } = outs;
      const olds = upgraded as CertificateRequestOutputs;
      assert.deepEqual(await atInstant(CREATED, () => hooks.diff("id", olds, inputs)), NO_CHANGE);
      const asked = { ...inputs, rotateAfterHours: 87_600 };
      assert.deepEqual(await atInstant(CREATED, () => hooks.diff("id", olds, asked)), ROTATE);
    });

    it("during preview, an unknown rotateAfterHours is judged with the old one", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 1440 });
      const unknown = { ...inputs, rotateAfterHours: UNKNOWN as unknown as number };
      assert.deepEqual(
        await atInstant(hoursAfter(10), () => hooks.diff("id", outs, unknown)),
        UPDATE,
      );
      assert.deepEqual(
        await atInstant(hoursAfter(1440), () => hooks.diff("id", outs, unknown)),
        ROTATE,
      );
    });

    it("a brought key is never rotated, even from state that holds a setting", async () => {
      const inputs = await checked({ privateKeyPem: byoKey(), subject: SUBJECT });
      const { outs } = await atInstant(CREATED, () =>
        hooks.create(inputs as Record<string, unknown>),
      );
      const olds = { ...outs, rotateAfterHours: 1 } as CertificateRequestOutputs;
      const result = await atInstant(hoursAfter(100), () =>
        hooks.diff("id", olds, { ...inputs, rotateAfterHours: 1 }),
      );
      assert.deepEqual(result.replaces, []);
    });
  });

  describe("update", () => {
    it("keeps the key, CSR and keyCreatedAt; takes the new setting; drops a removed one", async () => {
      const { inputs, outs } = await madeAtCreated({ subject: SUBJECT, rotateAfterHours: 1440 });
      const changed = await atInstant(hoursAfter(10), () =>
        hooks.update("id", outs, { ...inputs, rotateAfterHours: 720 }),
      );
      assert.deepEqual(changed.outs, { ...outs, rotateAfterHours: 720 });
      const { rotateAfterHours: _dropped, ...without } = inputs;
      const removed = await hooks.update("id", outs, without as Record<string, unknown>);
      const { rotateAfterHours: _old, ...expected } = outs;
      assert.deepEqual(removed.outs, expected);
    });
  });
});
