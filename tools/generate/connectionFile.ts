/** A vendor module's connection file: its connection interfaces and their secret-field lists. */
import { GENERATED_HEADER } from "./header";
import { objectTypeDeclarations } from "./objectTypes";
import type { Schema } from "./schemaTypes";

/** The text of sdk/<module>/connection.ts holding the connection types `tokens`, before formatting. */
export function connectionFile(schema: Schema, tokens: string[]): string {
  return [
    `${GENERATED_HEADER}import type * as pulumi from "@pulumi/pulumi";\n`,
    ...tokens.map((token) => objectTypeDeclarations(schema, token)),
  ].join("\n");
}
