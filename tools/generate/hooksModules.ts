/**
 * Two sdk files from each resource's hooks path (`language.certplane.hooks`):
 * - sdk/hooksModules.ts: the hooks module of every resource, as types only, so tsc checks at build
 *   time that each path a class passes to `hooksShim` names a module that exists (and, through
 *   sdk/shim.ts, that it exports every hook);
 * - sdk/hooksShims.ts: the provider object of every resource, the text Pulumi serializes into state
 *   as `__provider` (sdk/shim.ts says why it is shaped so).
 */
import { GENERATED_HEADER } from "./header";
import type { Schema } from "./schemaTypes";

/** Every resource's hooks path below `provider/`, in the schema's order. */
function hooksPaths(schema: Schema): string[] {
  return Object.values(schema.resources).map((resource) => resource.language.certplane.hooks);
}

/** The text of sdk/hooksModules.ts, before formatting. */
export function hooksModulesFile(schema: Schema): string {
  const members = hooksPaths(schema).map(
    (path) => `  ${JSON.stringify(path)}: typeof import("../provider/${path}");\n`,
  );
  return (
    GENERATED_HEADER +
    "\n" +
    "/**\n" +
    " * Each resource's hooks path (below `provider/`) and the type of its module. `typeof import()`\n" +
    " * is a type: it is erased from the JavaScript, so the sdk still never loads provider/ itself and\n" +
    " * reaches the hooks only through the serialized shim (DESIGN.md, The serialization rule).\n" +
    " */\n" +
    `export interface HooksModules {\n${members.join("")}}\n`
  );
}

/**
 * The text of sdk/hooksShims.ts, before formatting: one object per hooks path whose one function
 * names its module by a literal, written out per type because the serializer stores a function's
 * text and nothing of the module it was written in.
 *
 * @param packageName - the npm name the hooks are required by (package.json's `name`).
 */
export function hooksShimsFile(schema: Schema, packageName: string): string {
  const members = hooksPaths(schema).map(
    (path) =>
      `  ${JSON.stringify(path)}: {\n` +
      "    configure: function (this: object, request: unknown): unknown {\n" +
      `      const hooks = require(${JSON.stringify(`${packageName}/dist/provider/${path}`)});\n` +
      "      Object.assign(this, hooks);\n" +
      "      return hooks.configure(request);\n" +
      "    },\n" +
      "  },\n",
  );
  return (
    GENERATED_HEADER +
    "\n" +
    "/**\n" +
    " * The provider object of each resource type, by hooks path: what `pulumi.dynamic.Resource`\n" +
    " * serializes into state as `__provider`. Its one function, `configure`, runs in the\n" +
    " * dynamic-provider process (never here): it loads the hooks module, puts every hook on the\n" +
    " * object and configures the module (sdk/shim.ts).\n" +
    " */\n" +
    `export const HOOKS_SHIMS = {\n${members.join("")}} as const;\n`
  );
}
