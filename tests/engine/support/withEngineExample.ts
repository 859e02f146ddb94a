/**
 * An example as a stack under the real Pulumi CLI, against a simulator started for the suite, on a
 * fresh state root (./engine); and what the CLI printed, kept for the secret checks. Call it in a
 * `describe` body: the simulator and stacks it returns are usable from the suite's hooks and tests
 * (see ../../support/lateBound).
 */
import type { CliStack, OperationResult } from "../../../tools/devkit/cliStack";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../../simulator";
import { lateBound, type LateBound } from "../../support/lateBound";
import { engineStateRoot, exampleStack, removeStateRoot } from "./engine";

/** How to make one stack. */
export interface EngineStackOptions {
  /** The stack's name (./engine's `exampleStack` default otherwise). */
  stackName?: string;
  /** Variables for the program, over the simulator's env. */
  env?: Record<string, string>;
}

/** How to run the example. */
export interface EngineExampleOptions extends EngineStackOptions {
  /** The vendors the simulator serves (default: every vendor). */
  vendors?: SimulatorOptions["vendors"];
  /** Runs once the simulator is up, before any stack is made (e.g. to configure a vendor). */
  prepare?: (sim: Simulator) => Promise<unknown>;
}

/** What the suite gets. */
export interface EngineExample {
  /** The suite's simulator. */
  readonly sim: Simulator;
  /** The example's stack. */
  readonly stack: CliStack;
  /** What the CLI printed (output, then error) for every result given to {@link keep}, in order. */
  readonly printed: string[];
  /** Adds what the CLI printed for `result` to {@link printed}; returns `result`. */
  readonly keep: (result: OperationResult) => OperationResult;
  /**
   * Another example as a stack on the same backend and simulator, made before the tests and closed
   * after them with the example's own. Call it in the `describe` body.
   */
  readonly stackFor: (example: string, options?: EngineStackOptions) => CliStack;
}

/** examples/<example>/index.ts as a stack under the Pulumi CLI. */
export function withEngineExample(
  example: string,
  options: EngineExampleOptions = {},
): EngineExample {
  const sim = lateBound<Simulator>("the simulator");
  let started: Simulator | undefined;
  let stateRoot: string | undefined;
  // Made in the order the suite asked for them, closed in the same order.
  const stacks: { example: string; options: EngineStackOptions; stack: LateBound<CliStack> }[] = [];
  const stackFor = (name: string, stackOptions: EngineStackOptions = {}): CliStack => {
    const stack = lateBound<CliStack>(`the stack of examples/${name}`);
    stacks.push({ example: name, options: stackOptions, stack });
    return stack.proxy;
  };
  const stack = stackFor(example, { stackName: options.stackName, env: options.env });
  const made: CliStack[] = [];

  before(async () => {
    stateRoot = engineStateRoot(example);
    started = await startSimulator(options.vendors ? { vendors: options.vendors } : {});
    sim.set(started);
    await options.prepare?.(started);
    for (const wanted of stacks) {
      const one = exampleStack(wanted.example, started, stateRoot, wanted.options);
      made.push(one);
      wanted.stack.set(one);
    }
  });
  after(async () => {
    for (const one of made.splice(0)) await one.close();
    for (const wanted of stacks) wanted.stack.set(undefined);
    await started?.stop();
    sim.set((started = undefined));
    if (stateRoot) removeStateRoot(stateRoot);
  });

  const printed: string[] = [];
  return {
    sim: sim.proxy,
    stack,
    printed,
    keep: (result) => {
      printed.push(result.output, result.error ?? "");
      return result;
    },
    stackFor,
  };
}
