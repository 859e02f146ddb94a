/**
 * A program (an example, or a fixture) run through the LifecycleRunner as a user's stack would be,
 * against a simulator started for the suite: a fresh state folder, the simulator's env, and the
 * package link that lets the provider process load `pulumi-certplane`. Call it in a `describe` body.
 * `npm run build` first: the provider process loads the hooks from dist/.
 */
import * as path from "node:path";
import type { Simulator, SimulatorOptions } from "../../simulator";
import { LifecycleRunner, type LifecycleRunnerOptions, type StackConfig } from "../../testing";
import { lateBound } from "./lateBound";
import { packageNodePath, REPO_ROOT } from "./packageLink";
import { withScratchDir } from "./withScratchDir";
import { withSimulator } from "./withSimulator";

/** How to run the program. */
export interface ProgramOptions {
  /** The simulator to start for it (default: every vendor); `false`: none, and no env. */
  simulator?: SimulatorOptions | false;
  /** Load tools/devkit/tlsFakes.ts, the `@pulumi/tls` stand-in, into the program. */
  tlsFakes?: boolean;
  /** The stack name (the runner's default otherwise). */
  stack?: string;
  /** Stack config every run starts from. */
  config?: StackConfig;
  /** How many resource steps may run at once (the runner's default otherwise). */
  parallel?: number;
  /** Variables for the program's processes, over the simulator's env (or alone, without one). */
  env?: Record<string, string>;
}

/** What the suite gets. */
export interface ProgramRig {
  /** The suite's simulator (throws when `simulator: false`). */
  readonly sim: Simulator;
  /** The runner of the program, made once the simulator is up. */
  readonly runner: LifecycleRunner;
  /** The state folder, made now and removed after the suite (./withScratchDir). */
  readonly stateDir: string;
  /** Another example run the same way, in the same state folder (call it in a hook or a test). */
  runnerFor(example: string): LifecycleRunner;
}

/** examples/<example>/index.ts through the runner. */
export function withExample(example: string, options: ProgramOptions = {}): ProgramRig {
  return withProgram(examplePath(example), options);
}

/** The program at `program` through the runner. */
export function withProgram(program: string, options: ProgramOptions = {}): ProgramRig {
  const sim =
    options.simulator === false
      ? lateBound<Simulator>("a simulator (this suite starts none)").proxy
      : withSimulator(options.simulator);
  const { dir: stateDir } = withScratchDir(`certplane-${path.basename(path.dirname(program))}-`);
  // Read when a runner is made: the simulator's env exists only once its before() has run.
  const env = (): Record<string, string> | undefined =>
    options.simulator === false ? options.env : { ...sim.env, ...options.env };
  const runnerOptions = (programPath: string): LifecycleRunnerOptions => ({
    program: programPath,
    stateDir,
    nodePath: [packageNodePath()],
    ...(env() === undefined ? {} : { env: env() }),
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
    ...(options.tlsFakes ? { fakes: path.join(REPO_ROOT, "tools", "devkit", "tlsFakes.ts") } : {}),
  });
  const runner = lateBound<LifecycleRunner>(`the runner of ${program}`);
  before(() => runner.set(new LifecycleRunner(runnerOptions(program))));
  after(() => runner.set(undefined));
  return {
    sim,
    runner: runner.proxy,
    stateDir,
    runnerFor: (other) => new LifecycleRunner(runnerOptions(examplePath(other))),
  };
}

function examplePath(example: string): string {
  return path.join(REPO_ROOT, "examples", example, "index.ts");
}
