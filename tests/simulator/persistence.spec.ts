/**
 * The simulator's state file over generations (issue 29): snapshot → restore in a new simulator →
 * snapshot gives the same state for every vendor module, and after each restore the credentials the
 * simulator hands out (its CERTPLANE_* environment) still work for each vendor's own calls, made
 * through the provider's hooks as a user's program would. Before the fix, AppViewX wrote the mTLS
 * client CA it made at start-up next to the restored client certificate, so the third generation
 * refused that certificate ("Issuer Certificate is not trusted").
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import fc from "fast-check";
import { startSimulator } from "../../simulator";
import type { SimulatorStateFile } from "../../simulator/core/persistence";
import { destroyAgents } from "../../provider/core/tlsAgent";
import { createAt, VENDOR_CALLS, type VendorCall } from "../support/hookCalls";
import { withScratchDir } from "../support/withScratchDir";

function readState(file: string): SimulatorStateFile {
  return JSON.parse(fs.readFileSync(file, "utf8")) as SimulatorStateFile;
}

/** What must survive a restore unchanged (savedAt is the write's own time). */
function persisted(state: SimulatorStateFile): Omit<SimulatorStateFile, "savedAt"> {
  const { savedAt: _savedAt, ...rest } = state;
  return rest;
}

/**
 * Runs `generations` simulators one after another on one state file; in each, the state written
 * at start-up (right after the restore) must equal the state the previous generation left, and
 * then `calls[g]` are made with the handed-out credentials.
 */
async function runGenerations(file: string, calls: (readonly VendorCall[])[]): Promise<void> {
  let previous: SimulatorStateFile | undefined;
  let serial = 0;
  for (const [generation, vendors] of calls.entries()) {
    const sim = await startSimulator({ statePath: file });
    try {
      const restored = readState(file);
      if (previous) {
        assert.deepEqual(
          persisted(restored),
          persisted(previous),
          `generation ${generation}: the state written after the restore differs from the saved one`,
        );
      }
      for (const vendor of vendors) await createAt(sim, vendor, serial++);
    } finally {
      await sim.stop();
      destroyAgents();
    }
    previous = readState(file);
  }
}

describe("simulator: the state file round-trips over generations (issue 29)", function () {
  this.timeout(180_000);
  const { file } = withScratchDir("certplane-sim-persist-");

  it("four generations: each restore gives the same state and every vendor accepts its handed-out credentials", async () => {
    const statePath = file("four-generations.json");
    await runGenerations(statePath, [VENDOR_CALLS, VENDOR_CALLS, VENDOR_CALLS, VENDOR_CALLS]);
    const final = readState(statePath);
    const vendors = final.vendors as Record<string, Record<string, unknown[]>>;
    assert.equal(vendors.pca.issued.length, 4);
    assert.equal(vendors.zitadel.pats.length, 4);
    assert.equal(vendors.appviewx.certificates.length, 4);
    assert.equal(vendors.netfoundry.certificates.length, 4);
    assert.equal(Object.keys(vendors.oraclesbc.records).length, 4);
  });

  it("property: any sequence of calls over 2–4 generations round-trips, every vendor called after each restore", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.subarray([...VENDOR_CALLS]), { minLength: 1, maxLength: 3 }),
        async (later) => {
          const statePath = file(`property-${Date.now()}-${Math.random()}.json`);
          try {
            // The first generation calls every vendor, so each later restore has state to carry;
            // every later one ends with every vendor again, to prove the credentials still work.
            await runGenerations(statePath, [
              [...VENDOR_CALLS],
              ...later.map((subset) => [...subset, ...VENDOR_CALLS]),
            ]);
          } finally {
            fs.rmSync(statePath, { force: true });
          }
        },
      ),
      { numRuns: 3 },
    );
  });

  it("reads a version 1 file whose AppViewX CA issued its client certificate, and writes it as version 2", async () => {
    const statePath = file("version-1.json");
    await runGenerations(statePath, [["appviewx"]]);
    const saved = readState(statePath);
    fs.writeFileSync(statePath, JSON.stringify({ ...saved, version: 1 }));
    await runGenerations(statePath, [["appviewx"]]);
    assert.equal(readState(statePath).version, 2);
    assert.deepEqual(readState(statePath).vendors.appviewx, {
      ...(saved.vendors.appviewx as object),
      certificates: (readState(statePath).vendors.appviewx as { certificates: unknown[] })
        .certificates,
    });
  });

  it("failing case: a version 1 file saved after a restart (its AppViewX CA did not issue the client certificate) is refused, naming the fix", async () => {
    const statePath = file("version-1-after-restart.json");
    await runGenerations(statePath, [[]]);
    const saved = readState(statePath);
    const vendors = saved.vendors as Record<string, Record<string, unknown>>;
    // What the defect wrote: another CA beside the saved client certificate.
    vendors.appviewx.clientCa = vendors.netfoundry.ca;
    fs.writeFileSync(statePath, JSON.stringify({ ...saved, version: 1 }));
    await assert.rejects(startSimulator({ statePath }), {
      message: `state file ${statePath}: appviewx cannot restore it: the saved AppViewX mTLS client certificate was not issued by the saved client CA (a file an earlier certplane saved after a restart). Delete it (the simulator then starts afresh) or pass another --state`,
    });
  });

  it("failing case: a state file of another format version is refused, naming the fix", async () => {
    const statePath = file("version-3.json");
    fs.writeFileSync(
      statePath,
      JSON.stringify({ format: "certplane-simulator-state", version: 3, vendors: {} }),
    );
    await assert.rejects(startSimulator({ statePath }), {
      name: "StateFileVersionError",
      message: `state file ${statePath} is a certplane-simulator-state version 3 file, written by another certplane; this one reads versions 1 and 2. Delete it (the simulator then starts afresh) or pass another --state`,
    });
  });
});
