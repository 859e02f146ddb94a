/**
 * Outputs a class derives from its stored outputs instead of registering them
 * (`language.certplane.concatenationOf` in the schema): the engine stores only the parts, and every
 * read of the resource (a new program run, `get`, a state an earlier release wrote) makes the same
 * value from them. Secrecy and dependencies carry over from the parts, as `pulumi.all` keeps them.
 */
import * as pulumi from "@pulumi/pulumi";

/** The parts joined in order; a part missing from state (undefined) counts as empty. */
export function concatenation(
  ...parts: pulumi.Output<string | undefined>[]
): pulumi.Output<string> {
  return pulumi.all(parts).apply((values) => values.map((value) => value ?? "").join(""));
}
