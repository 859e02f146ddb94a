/**
 * Key rotation through the lifecycle runner on moved clocks (provider and simulator): the fixture's
 * `rotating` key (rotateAfterHours 1440 beside a 2160-hour certificate renewed 720 hours early) and
 * `kept` key (no setting). A day before the window nothing changes; once it opens, one `up` replaces
 * `rotating`'s key and CSR and its certificate, which certifies the new key, while `kept`'s
 * certificate is renewed for the same key. The provider's log says why the key was replaced.
 * `npm run build` first.
 */
import { strict as assert } from "node:assert";
import { createPublicKey } from "node:crypto";
import * as path from "node:path";
import type { RunResult } from "../../testing";
import { withProgram } from "../support/withExample";

const PROGRAM = path.join(__dirname, "..", "fixtures", "keyRotation", "index.ts");
const HOUR_S = 3600;

/** What the fixture exports per key. */
interface Signed {
  keyFingerprint: string;
  keyCreatedAt: string;
  publicKeyPem: string;
  certificatePem: string;
  serialNumber: string;
  notAfter: string;
}

/** The SPKI (DER, base64) of a certificate's or key's public key. */
const spkiOf = (pem: string) =>
  createPublicKey(pem).export({ type: "spki", format: "der" }).toString("base64");

/** Each resource's `<type>/<name>` → its op. */
const opsOf = (result: RunResult) =>
  Object.fromEntries(
    result.resources.map((r) => [`${r.type.split(":").pop()}/${r.name}`, r.op] as const),
  );

describe("key rotation through the lifecycle runner, on moved clocks", function () {
  this.timeout(120_000);
  const { sim, runner } = withProgram(PROGRAM, { simulator: { vendors: ["pca"] } });
  let first: { rotating: Signed; kept: Signed };
  let startedAt: number;
  const issued = () => (sim.inventory().vendors.pca.certificates as unknown[]).length;

  /** An `up` with both clocks `hours` after the first `up`. */
  async function upAt(hours: number): Promise<RunResult> {
    const offset = Math.round((startedAt + hours * HOUR_S * 1000 - Date.now()) / 1000);
    sim.setClockOffset(offset);
    try {
      return await runner.up({ env: { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offset) } });
    } finally {
      sim.setClockOffset(0);
    }
  }

  it("up records when each generated key was made, to the second", async () => {
    startedAt = Date.now();
    const created = await runner.up();
    first = created.outputs as unknown as typeof first;
    for (const signed of [first.rotating, first.kept]) {
      assert.match(signed.keyCreatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Math.abs(Date.parse(signed.keyCreatedAt) - startedAt) < 60_000);
      assert.equal(spkiOf(signed.certificatePem), spkiOf(signed.publicKeyPem));
    }
    assert.equal(issued(), 2);
  });

  it("a day before the window opens, up changes nothing", async () => {
    const quiet = await upAt(1440 - 24);
    assert.equal(quiet.changes, 0);
    assert.equal(issued(), 2);
  });

  it("once the window opens, one up rotates the key and renews its certificate for the new key", async () => {
    const renewed = await upAt(1440 + 1);
    assert.deepEqual(opsOf(renewed), {
      "CertificateRequest/kept": "same",
      "CertificateRequest/rotating": "replace",
      "PcaSignedCertificate/kept": "replace",
      "PcaSignedCertificate/rotating": "replace",
    });
    assert.equal(issued(), 4);
    const { rotating, kept } = renewed.outputs as unknown as typeof first;

    assert.notEqual(rotating.keyFingerprint, first.rotating.keyFingerprint);
    assert.notEqual(spkiOf(rotating.certificatePem), spkiOf(first.rotating.certificatePem));
    assert.equal(spkiOf(rotating.certificatePem), spkiOf(rotating.publicKeyPem));
    assert.notEqual(rotating.serialNumber, first.rotating.serialNumber);
    const movedNow = startedAt + (1440 + 1) * HOUR_S * 1000;
    assert.ok(Math.abs(Date.parse(rotating.keyCreatedAt) - movedNow) < 60_000);

    // Without the setting the renewal re-signs the same key, as before rotation existed.
    assert.equal(kept.keyFingerprint, first.kept.keyFingerprint);
    assert.equal(kept.keyCreatedAt, first.kept.keyCreatedAt);
    assert.equal(spkiOf(kept.certificatePem), spkiOf(first.kept.certificatePem));
    assert.notEqual(kept.serialNumber, first.kept.serialNumber);

    const said = renewed.logs.filter(
      (line) => line.source === "provider" && line.text.includes("replacing the key and CSR"),
    );
    assert.ok(said.length >= 1, "the provider did not say why the key was replaced");
    // The age is counted from keyCreatedAt (a moment after startedAt) to the moved now, so it is
    // 1440 or 1441 whole hours depending on how long the first up took: read it off, then check it.
    const reason = new RegExp(
      `^certplane: CertificateRequest ${escape(first.rotating.keyFingerprint)}: replacing the ` +
        `key and CSR, since the key made at ${first.rotating.keyCreatedAt} is (\\d+) hours old ` +
        `at (\\S+); rotateAfterHours is 1440\\.$`,
    ).exec(said[0].text);
    assert.ok(reason, said[0].text);
    const [, hours, at] = reason;
    assert.ok(Math.abs(Date.parse(at) - movedNow) < 60_000, at);
    assert.equal(
      Number(hours),
      Math.floor((Date.parse(at) - Date.parse(first.rotating.keyCreatedAt)) / (HOUR_S * 1000)),
    );
    assert.ok(Number(hours) >= 1440);
  });

  it("the next up at the same moment changes nothing: the new key is young again", async () => {
    const again = await upAt(1440 + 1);
    assert.equal(again.changes, 0);
  });
});

/** `text` as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
