/**
 * The outputs the schema derives from others (`language.certplane.concatenationOf`, e.g.
 * `fullChainPem` = `certificatePem` + `chainPem`), which the hooks never return so that the dynamic
 * door stores each PEM once (its TypeScript class derives them on read). This door returns them:
 * Python, Go and YAML programs, and StackReference readers of their resources, read outputs from
 * state as the engine stored them, with nothing to derive them on the way.
 */
import { derivedOutputs, type ResourceSchema } from "../core/packageSchema";

/**
 * `outs` with each derived output set from its parts, when every part is a string (a partial
 * result without them gets none). The hooks' own value of the name, if any, is replaced: the
 * schema's rule is the one definition.
 */
export function withDerivedOutputs(schema: ResourceSchema, outs: object | undefined): object {
  const values = { ...((outs ?? {}) as Record<string, unknown>) };
  for (const [name, parts] of derivedOutputs(schema)) {
    const strings = parts.map((part) => values[part]);
    if (strings.every((value): value is string => typeof value === "string")) {
      values[name] = strings.join("");
    }
  }
  return values;
}
