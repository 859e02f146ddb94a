/**
 * `pulumi-certplane/testing`: the lifecycle runner, a Pulumi engine stand-in that runs a program's
 * `up`, `preview`, `refresh` and `destroy` against the real dynamic-provider process. See
 * docs/testing.md.
 */
export { LifecycleRunner } from "./lifecycleRunner";
export { LifecycleError } from "./lifecycleError";
export { Secret, SECRET_PLACEHOLDER, revealSecrets } from "./secretValue";
export { UNKNOWN } from "./wire";
export { RESOURCE_OPS } from "./types";
export type {
  CheckFailure,
  ChildProcessRecord,
  ConfigValue,
  LifecycleRunnerOptions,
  LogLine,
  OpCounts,
  ResourceError,
  ResourceOp,
  ResourceResult,
  RunCommand,
  RunOverrides,
  RunResult,
  RunnerEvent,
  StackConfig,
  StackStateView,
  StateResourceView,
} from "./types";
