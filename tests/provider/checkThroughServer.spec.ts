/**
 * Every rejected input of every resource (checkThroughServer/rejectedInputs.ts) through the front
 * door: a preview of a program declaring one resource per row (another for any row whose
 * registration came after the first failure and so was not run), by the lifecycle runner, so
 * each check answers through Pulumi's own dynamic-provider server over gRPC, as under the engine.
 * Each row's resource fails at check with one failure naming its property and showing the value
 * seen, and no error says "Unexpected struct type." (what protobuf said when a check answered
 * `undefined` for the field it rejected, losing the failures).
 *
 * The provider clock reads {@link NOW}, so date rules are exact. Needs `npm run build` (the provider
 * process loads dist/).
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { LifecycleError, type ResourceError } from "../../testing";
import { withProgram } from "../support/withExample";
import { NOW, RULES, type RejectedInput } from "./checkThroughServer/rejectedInputs";

const PROGRAM = path.join(__dirname, "..", "fixtures", "checkThroughServer", "program.ts");

/** One row as a declared resource. */
interface Row extends RejectedInput {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const ROWS: Row[] = RULES.flatMap(({ type, base, rejects }) =>
  rejects.map((row, i) => {
    const inputs: Record<string, unknown> = { ...base, ...row.args };
    for (const key of row.omit ?? []) delete inputs[key];
    const name = `${type.replace(/^.*\./, "")}-${i}`;
    return { ...row, type, name, inputs };
  }),
);

/** The text a reason shows for the value at `property` of `args` (core/validation.ts's `show`). */
function shownValue(args: Record<string, unknown> | undefined, property: string): string {
  let value: unknown = args;
  for (const step of property.split(/[.[\]]/).filter(Boolean)) {
    value = (value as Record<string, unknown> | undefined)?.[step];
  }
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) : text;
}

describe("check through the dynamic-provider server: every rejected input reaches the user", () => {
  /** Each row's resource error, by resource name. */
  const errors = new Map<string, ResourceError>();
  /** Every run's error message, for the words no error may say. */
  const messages: string[] = [];
  const { runner } = withProgram(PROGRAM, {
    simulator: false,
    // Every step starts at once: after a failure, the runner (like the engine) starts no new step.
    parallel: ROWS.length,
    // No frontdoorId from the environment: the row that leaves it out must find none.
    env: { CERTPLANE_NOW: NOW, CERTPLANE_NETFOUNDRY_FRONTDOOR_ID: "" },
  });

  /** Previews `rows` as one program; returns the rows whose step never started. */
  async function preview(rows: Row[]): Promise<Row[]> {
    const declared = rows.map(({ type, name, inputs }) => ({ type, name, args: inputs }));
    const outcome = await runner.preview({ config: { resources: JSON.stringify(declared) } }).then(
      (result) => new LifecycleError(result, []),
      (e: unknown) => e,
    );
    assert.ok(
      outcome instanceof LifecycleError,
      `expected a LifecycleError, got ${String(outcome)}`,
    );
    messages.push(outcome.message);
    for (const error of outcome.errors) errors.set(error.name ?? error.kind, error);
    const started = new Set(outcome.result.resources.map((r) => r.name));
    return rows.filter((row) => !errors.has(row.name) && !started.has(row.name));
  }

  before(async function () {
    this.timeout(120_000);
    // A registration that reaches the runner after the first failure is not run (as under the
    // engine); such rows go into the next preview. Each preview reports at least one row.
    let pending = ROWS;
    for (let run = 0; run < 5 && pending.length > 0; run++) pending = await preview(pending);
  });

  it("every resource failed at check, and nothing else failed", () => {
    assert.deepEqual(
      [...errors.values()].map((e) => [e.name, e.kind]).sort(),
      ROWS.map((row) => [row.name, "check"]).sort(),
    );
  });

  it('no error anywhere says "Unexpected struct type"', () => {
    for (const message of messages) {
      assert.equal(message.includes("Unexpected struct type"), false, message);
    }
  });

  for (const row of ROWS) {
    it(`${row.type}: ${row.title} → fails naming ${row.property} and the value seen`, () => {
      const error = errors.get(row.name);
      const failures = error?.failures ?? [];
      assert.deepEqual(
        failures.map((f) => f.property),
        [row.property],
        JSON.stringify(failures),
      );
      const shows = row.shows ?? shownValue(row.args, row.property);
      assert.ok(
        failures[0].reason.includes(shows),
        `the reason should show ${shows}: ${failures[0].reason}`,
      );
      assert.equal(error?.message, `check failed: ${row.property}: ${failures[0].reason}`);
      if (row.hides !== undefined) {
        for (const message of messages) {
          assert.equal(message.includes(row.hides), false, `an error shows ${row.hides}`);
        }
      }
    });
  }
});
