/**
 * Serves `pulumi.StackReference` reads from the state of another stack in the same state folder,
 * with the properties the engine gives a StackReference: `name`, `outputs` (secret ones still
 * wrapped, so they stay secret in the reading program) and `secretOutputNames`.
 */
import type { RunContext } from "./runContext";
import { secretKeysOf, type WireObject } from "./wire";

/** Splits `stack`, `project/stack` or `organization/project/stack` into project and stack. */
export function parseStackName(
  name: string,
  currentProject: string,
): { project: string; stack: string } {
  const parts = name.split("/");
  if (parts.length === 1) return { project: currentProject, stack: parts[0] };
  if (parts.length === 2) return { project: parts[0], stack: parts[1] };
  if (parts.length === 3) return { project: parts[1], stack: parts[2] };
  throw new Error(
    `Stack reference "${name}" is not a stack name: use "stack", "project/stack" or ` +
      `"organization/project/stack".`,
  );
}

/** The outputs of a StackReference to `name`. */
export function readStackReference(ctx: RunContext, name: string): WireObject {
  const { project, stack } = parseStackName(name, ctx.settings.project);
  if (!ctx.store.exists(project, stack)) {
    throw new Error(
      `Stack reference "${name}": stack ${project}/${stack} has no state in ` +
        `${ctx.settings.stateDir}. Run up on that stack first, with the same stateDir.`,
    );
  }
  const outputs = ctx.store.load(project, stack).outputs;
  return { name, outputs, secretOutputNames: secretKeysOf(outputs) };
}
