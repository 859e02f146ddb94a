/** What the demo needs from whatever drives the program: the lifecycle runner or the Pulumi CLI. */
import type { IssuedResource } from "./issued";

/** The outcome of one run, in the terms both engines can report. */
export interface DemoRun {
  /** Resources created, updated, replaced or deleted. */
  changes: number;
  /** Resources per operation. */
  counts: Record<string, number>;
  /** The stack's resources after the run, with plain outputs. */
  resources: IssuedResource[];
  /** Stack outputs (plain values). */
  outputs: Record<string, unknown>;
  /** Names of the secret stack outputs. */
  secretOutputs: string[];
  durationMs: number;
}

/** Drives one stack. */
export interface DemoEngine {
  /** Shown in the demo's banner. */
  name: string;
  up(): Promise<DemoRun>;
  destroy(): Promise<DemoRun>;
  /** Stops whatever the engine keeps running between runs (the CLI's stack worker). */
  close?(): Promise<void>;
}
