/**
 * The lifecycle runner held to the engine: one scenario (a list of steps over one or more example
 * stacks) runs through the runner and through the real CLI, each against its own simulator (so
 * vendor-side names such as an SBC record cannot collide), and after every step both must agree on
 * each certplane resource's op, its input and output names and kinds (all the way down), which of
 * them are secret, whether it is a partial create, what it is linked to in state, and the
 * stack outputs and which are secret. A step may meet a vendor refusal (on both sides) and must then
 * fail on both.
 *
 * The differences that cannot be removed are written in docs/testing.md ("Held to the engine"); each
 * is normalized here under the id the page gives it (KNOWN_DIFFERENCES), and runnerParity.spec.ts
 * checks the page still lists every one. Anything else fails.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  LifecycleError,
  LifecycleRunner,
  type RunResult,
  type StackConfig,
} from "../../../testing";
import type { CliStack, OperationResult } from "../../../tools/devkit/cliStack";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../../simulator";
import { packageNodePath, REPO_ROOT } from "../../support/packageLink";
import { failOnce } from "./failOnce";
import {
  engineStateRoot,
  exampleStack,
  exportedResources,
  removeStateRoot,
  resourceKey,
  revealedExport,
} from "./engine";

/** Known differences the comparison normalizes, by their id in docs/testing.md. */
export const KNOWN_DIFFERENCES = ["engine-replace-steps"];

/** What both engines must agree on about one resource after one step. */
interface ResourceView {
  op: string;
  /** Input name → kind of value. */
  inputs?: Record<string, string>;
  secretInputs?: string[];
  /** Output name → kind of value. */
  outputs?: Record<string, string>;
  secretOutputs?: string[];
  /** Recorded with init errors (a partial create). */
  partial?: boolean;
  /** What it depends on in state (`<Type>/<name>`), and its parent, each as the state keeps it. */
  dependencies?: string[];
  parent?: string;
}

/** What both engines must agree on after one step. */
interface StepView {
  resources: Record<string, ResourceView>;
  stackOutputs: string[];
  secretStackOutputs: string[];
}

/** One step of a scenario. */
export interface ParityStep {
  command: "up" | "destroy";
  /** The example whose stack the step drives (default: the scenario's first). */
  example?: string;
  /** The stack configuration in force (without the project namespace). */
  config?: Record<string, string>;
  /** Simulator and provider clocks moved this far for the step (a renewal); back to 0 after it. */
  clockOffsetSeconds?: number;
  /**
   * Ops the step must show for these resources (`<Type>/<name>` → op, as compared): what makes the
   * step worth comparing, e.g. that it does replace.
   */
  expectOps?: Record<string, string>;
  /**
   * A vendor refusal the step meets (on both sides, once): the step must fail on both, and what
   * each recorded (a partial create) is compared.
   */
  fault?: { vendor: string; method: string; path: string; status: number };
}

/** A scenario: the stacks it drives and the steps. */
export interface ParityScenario {
  /** Example → stack name, in the order the stacks are made (the first is the default). */
  stacks: Record<string, string>;
  /** The vendors each simulator serves (default: every vendor). */
  vendors?: SimulatorOptions["vendors"];
  /** Runs on each simulator once it is up (e.g. to configure a vendor). */
  prepare?: (sim: Simulator) => Promise<unknown>;
  /** Variables for the programs and providers on both sides, over the simulator's. */
  env?: Record<string, string>;
  steps: ParityStep[];
}

const CERTPLANE = "pulumi-nodejs:dynamic/certplane:";

/** Pulumi's marker of a secret value (in `stack export --show-secrets`: with its `plaintext`). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function isRevealedSecret(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    SECRET_SIG in value &&
    typeof (value as { plaintext?: unknown }).plaintext === "string"
  );
}

/**
 * The kind of a value, all the way down: `string`, `number`, `boolean`, `null`, `array<…>` (the
 * kinds of its elements), `{name: kind, …}` (names sorted). A secret has the kind of what it holds:
 * the runner hands secrets over wrapped (a Secret that prints as [secret]); the engine's revealed
 * export keeps them as `{<sig>, plaintext: <JSON>}`, nested ones included.
 */
function kind(value: unknown): string {
  const wrapped = value as { reveal?: () => unknown } | null;
  if (typeof wrapped?.reveal === "function") return kind(wrapped.reveal());
  if (Array.isArray(value)) return `array<${[...new Set(value.map(kind))].join("|")}>`;
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const record = value as Record<string, unknown>;
  if (isRevealedSecret(record)) return kind(JSON.parse(record.plaintext as string));
  const names = Object.keys(record).sort();
  return `{${names.map((name) => `${name}: ${kind(record[name])}`).join(", ")}}`;
}

function kinds(values: Record<string, unknown> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.keys(values)
      .filter((name) => name !== "__provider")
      .sort()
      .map((name) => [name, kind(values[name])]),
  );
}

/** `urns` by key (e.g. `Stack/quickstart-demo`, `CertificateRequest/nso-user`), once each, sorted. */
function linkKeys(urns: (string | undefined)[]): string[] {
  return [...new Set(urns.filter((urn): urn is string => Boolean(urn)).map(resourceKey))].sort();
}

/** Links by URN in the runner's state file (plain JSON: only values are encrypted). */
function runnerLinks(stateFile: string): Map<string, { dependencies: string[]; parent?: string }> {
  if (!fs.existsSync(stateFile)) return new Map();
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as {
    resources: {
      urn: string;
      dependencies: string[];
      parent?: string;
      pendingDeletion?: boolean;
    }[];
  };
  // An old copy waiting for its Delete (after a failed run) shares the URN; the live one counts.
  const live = state.resources.filter((r) => !r.pendingDeletion);
  return new Map(live.map((r) => [r.urn, r]));
}

/** A parent URN as a key, or nothing. */
function parentKey(urn: string | undefined): { parent?: string } {
  return urn ? { parent: resourceKey(urn) } : {};
}

function runnerView(result: RunResult): StepView {
  const links = runnerLinks(result.stateFile);
  const resources: Record<string, ResourceView> = {};
  for (const r of result.resources) {
    if (!r.type.startsWith(CERTPLANE)) continue;
    resources[resourceKey(r.urn)] =
      r.op === "delete"
        ? { op: "delete" }
        : {
            op: r.op,
            inputs: kinds(r.inputs),
            secretInputs: [...r.secretInputs].sort(),
            outputs: kinds(r.outputs),
            secretOutputs: [...r.secretOutputs].sort(),
            ...(r.initErrors?.length ? { partial: true } : {}),
            dependencies: linkKeys(links.get(r.urn)?.dependencies ?? []),
            ...parentKey(links.get(r.urn)?.parent),
          };
  }
  return {
    resources,
    stackOutputs: Object.keys(result.outputs).sort(),
    secretStackOutputs: [...result.secretOutputs].sort(),
  };
}

function engineView(stack: CliStack, result: OperationResult, command: ParityStep["command"]) {
  const ops: Record<string, string[]> = {};
  for (const step of result.steps) {
    if (step.phase === "pre" && step.type.startsWith(CERTPLANE)) {
      (ops[resourceKey(step.urn)] ??= []).push(step.op);
    }
  }
  // One `pulumi stack export --show-secrets` serves the whole view: a secret keeps its marker there
  // (with its plaintext instead of the ciphertext), so it tells the secret values too.
  const checkpoint = revealedExport(stack);
  const revealed = exportedResources(checkpoint);
  const secret = (values: Record<string, unknown> = {}) =>
    Object.keys(values)
      .filter((name) => isRevealedSecret(values[name]))
      .sort();
  const resources: Record<string, ResourceView> = {};
  for (const [key, steps] of Object.entries(ops)) {
    // (engine-replace-steps) The engine reports a replacement as create-replacement, replace and
    // delete-replaced steps; the runner as one `replace`.
    const op = steps.includes("replace") ? "replace" : steps[0];
    if (command === "destroy" || op === "delete") {
      resources[key] = { op: "delete" };
      continue;
    }
    resources[key] = {
      op,
      inputs: kinds(revealed[key].inputs),
      secretInputs: secret(revealed[key].inputs),
      outputs: kinds(revealed[key].outputs),
      secretOutputs: secret(revealed[key].outputs),
      ...(revealed[key].initErrors?.length ? { partial: true } : {}),
      dependencies: linkKeys(revealed[key].dependencies ?? []),
      ...parentKey(revealed[key].parent),
    };
  }
  const stackOutputs =
    checkpoint.deployment.resources?.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs ?? {};
  const view: StepView = {
    resources,
    stackOutputs: Object.keys(stackOutputs).sort(),
    secretStackOutputs: secret(stackOutputs),
  };
  return view;
}

function namespaced(project: string, config: Record<string, string> = {}): StackConfig {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [`${project}:${k}`, v]));
}

/** One example's stack on both sides. */
interface Pair {
  runner: LifecycleRunner;
  stack: CliStack;
}

/** The runner's side of a step: its result, or with a fault, the result its failure carries. */
async function runnerStep(
  runner: LifecycleRunner,
  step: ParityStep,
  config: StackConfig,
  env: Record<string, string>,
): Promise<RunResult> {
  const run = () =>
    step.command === "up" ? runner.up({ config, env }) : runner.destroy({ config, env });
  if (!step.fault) return run();
  try {
    await run();
  } catch (error) {
    if (error instanceof LifecycleError) return error.result;
    throw error;
  }
  throw new Error(`the runner's ${step.command} did not fail at ${JSON.stringify(step.fault)}`);
}

/** Runs one step on both sides (concurrently: each has its own simulator) and compares them. */
async function compareStep(pair: Pair, sims: Simulator[], step: ParityStep, label: string) {
  const config = namespaced(pair.stack.projectName, step.config);
  const offset = step.clockOffsetSeconds ?? 0;
  const env: Record<string, string> = offset
    ? { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offset) }
    : {};
  for (const sim of sims) sim.setClockOffset(offset);
  try {
    const engineConfig = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, { value: String(v) }]),
    );
    if (step.fault) {
      const { vendor, method, path: where, status } = step.fault;
      for (const sim of sims) failOnce(sim, vendor, method, where, status);
    }
    const [ran, done] = await Promise.all([
      runnerStep(pair.runner, step, config, env),
      pair.stack.attempt({ kind: step.command, config: engineConfig, env }),
    ]);
    assert.equal(done.ok, !step.fault, `${label}: the engine's ${step.command}: ${done.error}`);
    const expected = engineView(pair.stack, done, step.command);
    assert.deepEqual(runnerView(ran), expected, `${label}: runner (actual) vs engine (expected)`);
    for (const [key, op] of Object.entries(step.expectOps ?? {})) {
      assert.equal(expected.resources[key]?.op, op, `${label}: ${key}`);
    }
  } finally {
    for (const sim of sims) sim.setClockOffset(0);
  }
}

/** Runs `scenario` through the runner and the engine, comparing every step. */
export async function assertParity(name: string, scenario: ParityScenario): Promise<void> {
  const simOptions = scenario.vendors ? { vendors: scenario.vendors } : {};
  const sims: Simulator[] = [];
  const stateRoot = engineStateRoot(`parity-${name}`);
  const runnerState = fs.mkdtempSync(path.join(os.tmpdir(), `certplane-parity-${name}-`));
  const pairs = new Map<string, Pair>();
  try {
    const [runnerSim, engineSim] = await Promise.all([
      startSimulator(simOptions),
      startSimulator(simOptions),
    ]);
    sims.push(runnerSim, engineSim);
    for (const sim of sims) await scenario.prepare?.(sim);
    for (const [example, stackName] of Object.entries(scenario.stacks)) {
      pairs.set(example, {
        runner: new LifecycleRunner({
          program: path.join(REPO_ROOT, "examples", example, "index.ts"),
          stack: stackName,
          stateDir: runnerState,
          env: { ...runnerSim.env, ...scenario.env },
          nodePath: [packageNodePath()],
        }),
        stack: exampleStack(example, engineSim, stateRoot, { stackName, env: scenario.env }),
      });
    }
    const first = Object.keys(scenario.stacks)[0];
    for (const [index, step] of scenario.steps.entries()) {
      const example = step.example ?? first;
      const label =
        `step ${index + 1} (${example}: ${step.command} ${JSON.stringify(step.config ?? {})}` +
        (step.clockOffsetSeconds ? `, clocks +${step.clockOffsetSeconds}s` : "") +
        ")";
      await compareStep(pairs.get(example)!, sims, step, label);
    }
  } finally {
    for (const pair of pairs.values()) await pair.stack.close();
    for (const sim of sims) await sim.stop();
    removeStateRoot(stateRoot);
    fs.rmSync(runnerState, { recursive: true, force: true });
  }
}
