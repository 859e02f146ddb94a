/**
 * Runs one cell of the fault matrix: bring the rig's stack to the step's starting point, arm the
 * fault, run the step through the lifecycle runner, then check that the vendor's objects equal the
 * state (no orphan, no ghost) and that no SBC lock is held — after the step and again after a
 * fault-free run that heals it.
 */
import type { RunOverrides } from "../../testing";
import type { Simulator } from "../../simulator";
import type { Arrangement } from "./arrangements";
import { LifecycleError, type LifecycleRunner } from "./builtRunner";
import type { Operation, Step } from "./operations";
import type { Rig } from "./rigs";
import { endOf, STARTS, type StackAt } from "./schedule";

/** What one cell did. */
export interface CellOutcome {
  ok: boolean;
  /** Error messages of a failed step. */
  messages: string[];
  /** Armed simulator faults no request consumed (the step never made the request). */
  unusedFaults: number;
  /** Consistency problems after the step and after healing (orphans, ghosts, a held lock). */
  problems: string[];
  /** Orphans the arrangement expected (a vendor limitation), removed by its cleanup. */
  expectedOrphans: string[];
}

/** Drives one lane's stack from cell to cell, knowing where the stack stands. */
export class RigStack {
  /** A lane's stack starts empty. */
  private at: StackAt | "unknown" = "destroyed";
  private readonly preexisting: Set<string>;

  constructor(
    private readonly rig: Rig,
    private readonly sim: Simulator,
    private readonly runner: LifecycleRunner,
  ) {
    this.preexisting = new Set(rig.owned?.(sim.inventory()) ?? []);
  }

  /** Runs one cell. */
  async run(op: Operation, arrangement: Arrangement): Promise<CellOutcome> {
    await this.reach(STARTS[op.step]);
    const start = this.at;
    this.sim.faults.clear();
    for (const fault of arrangement.faults) this.sim.faults.add(fault);
    await arrangement.before?.(this.sim);
    const messages = await this.attempt(op.step, arrangement.env);
    const unusedFaults = this.sim.faults.list().length;
    this.sim.faults.clear();
    const afterStep = this.consistency("after the step");
    const problems = afterStep.problems;
    let expectedOrphans: string[] = [];
    if (arrangement.vendorOrphan) {
      expectedOrphans = afterStep.orphans;
      await arrangement.vendorOrphan.cleanup(this.sim, expectedOrphans);
    } else {
      problems.push(
        ...afterStep.orphans.map(
          (id) => `after the step: orphan ${id} exists at the vendor, not in state`,
        ),
      );
    }
    if (messages.length > 0) {
      const healing = await this.attempt(op.step, {});
      problems.push(...healing.map((message) => `healing run failed: ${message}`));
      // A refresh moves nothing at the vendor: once one succeeds, the stack is where it was.
      if (healing.length === 0 && op.step === "refresh") this.at = start;
      const afterHealing = this.consistency("after healing");
      problems.push(...afterHealing.problems);
      problems.push(
        ...afterHealing.orphans.map(
          (id) => `after healing: orphan ${id} exists at the vendor, not in state`,
        ),
      );
    }
    if (problems.length > 0) this.at = "unknown";
    return { ok: messages.length === 0, messages, unusedFaults, problems, expectedOrphans };
  }

  /** Destroys the stack (end of the rig). */
  async finish(): Promise<string[]> {
    await this.reach(["destroyed"]);
    const end = this.consistency("after the final destroy");
    return [...end.problems, ...end.orphans.map((id) => `after the final destroy: orphan ${id}`)];
  }

  /** Runs `step` with the cell's environment over the step's own; the error messages if it fails. */
  private async attempt(step: Step, faultEnv: Record<string, string>): Promise<string[]> {
    const overrides: RunOverrides = {
      config: { variant: step === "update" ? "b" : "a" },
      env: { ...this.stepEnv(step), ...faultEnv },
    };
    const from = this.at;
    try {
      if (step === "delete") await this.runner.destroy(overrides);
      else if (step === "refresh") await this.runner.refresh(overrides);
      else await this.runner.up(overrides);
      this.at = from === "unknown" && step === "refresh" ? "unknown" : endOf(step, from as StackAt);
      return [];
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      this.at = "unknown";
      return error.errors.map((failure) => failure.message);
    }
  }

  /** The rig's settings for a run of `step`. */
  private stepEnv(step: Step): Record<string, string> {
    const env = this.rig.stepEnv?.[step];
    return typeof env === "function" ? env() : (env ?? {});
  }

  /** Brings the stack to one of `targets` (the first, when it stands nowhere among them). */
  private async reach(targets: readonly StackAt[]): Promise<void> {
    if (this.at !== "unknown" && targets.includes(this.at)) return;
    const target = targets[0];
    const messages = await this.attempt(target === "destroyed" ? "delete" : "create", {});
    if (messages.length > 0) {
      throw new Error(`could not bring ${this.rig.name} to ${target}: ${messages.join("; ")}`);
    }
  }

  /**
   * Vendor objects no state knows (orphans: each reported once, then ignored, so one failure does
   * not repeat in every later cell), state entries the vendor lacks, and a held SBC lock.
   */
  private consistency(when: string): { orphans: string[]; problems: string[] } {
    const problems: string[] = [];
    const inventory = this.sim.inventory();
    const holder = this.rig.lockHolder?.(inventory);
    if (holder) problems.push(`${when}: the SBC lock is held by ${JSON.stringify(holder)}`);
    if (!this.rig.owned || !this.rig.resourceType) return { orphans: [], problems };
    const suffix = this.rig.resourceType;
    const inState = new Set(
      this.runner
        .state()
        .resources.filter((resource) => resource.type.endsWith(suffix) && resource.id)
        .map((resource) => resource.id),
    );
    const atVendor = new Set(this.rig.owned(inventory));
    const orphans = [...atVendor].filter((id) => !inState.has(id) && !this.preexisting.has(id));
    for (const id of orphans) this.preexisting.add(id);
    for (const id of inState) {
      if (!atVendor.has(id)) problems.push(`${when}: state holds ${id}, which the vendor lacks`);
    }
    return { orphans, problems };
  }
}
