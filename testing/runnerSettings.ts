/**
 * Turns {@link LifecycleRunnerOptions} into settings with every default applied, and composes the
 * configuration and environment of one run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type {
  LifecycleRunnerOptions,
  RunCommand,
  RunOverrides,
  RunnerEvent,
  StackConfig,
} from "./types";

/** Runner options with defaults applied and paths made absolute. */
export interface RunnerSettings {
  program: string;
  projectDir: string;
  project: string;
  stack: string;
  stateDir: string;
  config: StackConfig;
  env: Record<string, string>;
  nodePath: string[];
  fakes?: string;
  parallel: number;
  onEvent?: (event: RunnerEvent) => void;
}

/** Settings of one run: the runner's, with the run's overrides merged in. */
export interface RunSettings extends RunnerSettings {
  command: RunCommand;
  preview: boolean;
}

const DEFAULT_STACK = "dev";
const DEFAULT_PARALLEL = 16;

/** The `name:` of `<projectDir>/Pulumi.yaml`, else the folder's name. */
export function projectNameOf(projectDir: string): string {
  for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
    const yamlPath = path.join(projectDir, file);
    if (!fs.existsSync(yamlPath)) continue;
    const match = /^name:\s*["']?([^"'#\s]+)["']?/m.exec(fs.readFileSync(yamlPath, "utf8"));
    if (match) return match[1];
  }
  return path.basename(projectDir);
}

/** Prefixes keys without a namespace with the project name, like `pulumi config set`. */
export function namespacedConfig(config: StackConfig, project: string): StackConfig {
  const out: StackConfig = {};
  for (const [key, value] of Object.entries(config)) {
    out[key.includes(":") ? key : `${project}:${key}`] = value;
  }
  return out;
}

/** Applies the defaults documented on {@link LifecycleRunnerOptions}. */
export function resolveSettings(options: LifecycleRunnerOptions): RunnerSettings {
  const program = path.resolve(options.program);
  const projectDir = path.resolve(options.projectDir ?? path.dirname(program));
  const project = options.project ?? projectNameOf(projectDir);
  return {
    program,
    projectDir,
    project,
    stack: options.stack ?? DEFAULT_STACK,
    stateDir: path.resolve(options.stateDir ?? path.join(projectDir, ".certplane")),
    config: namespacedConfig(options.config ?? {}, project),
    env: { ...options.env },
    nodePath: (options.nodePath ?? []).map((folder) => path.resolve(folder)),
    fakes: options.fakes ? path.resolve(options.fakes) : undefined,
    parallel: options.parallel ?? DEFAULT_PARALLEL,
    onEvent: options.onEvent,
  };
}

/** The settings of one run of `command`, with `overrides` merged over the runner's. */
export function settingsForRun(
  settings: RunnerSettings,
  command: RunCommand,
  overrides: RunOverrides = {},
): RunSettings {
  return {
    ...settings,
    command,
    preview: command === "preview",
    config: { ...settings.config, ...namespacedConfig(overrides.config ?? {}, settings.project) },
    env: { ...settings.env, ...overrides.env },
    parallel: overrides.parallel ?? settings.parallel,
  };
}

/** The configuration with secrets revealed, as the provider's Configure and the program get it. */
export function plainConfig(config: StackConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = typeof value === "string" ? value : value.secret;
  }
  return out;
}

/** The keys of the secret configuration values. */
export function secretConfigKeys(config: StackConfig): string[] {
  return Object.keys(config).filter((key) => typeof config[key] !== "string");
}

/**
 * The environment of a child process: this process's, minus anything that would make the child
 * think it runs under a real Pulumi engine, plus the runner's and the run's, with `NODE_PATH`
 * extended.
 */
export function childEnvironment(
  run: RunSettings,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PULUMI_NODEJS_") && !key.startsWith("PULUMI_CONFIG")) env[key] = value;
  }
  Object.assign(env, run.env, extra);
  const nodePath = [...run.nodePath, ...(env.NODE_PATH ?? "").split(path.delimiter)];
  env.NODE_PATH = nodePath.filter(Boolean).join(path.delimiter);
  return env;
}
