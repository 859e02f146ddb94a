/**
 * Two sdk files from each resource's hooks path (`language.certplane.hooks`):
 * - sdk/hooksModules.ts: the hooks module of every resource, as types only, so tsc checks at build
 *   time that each path a class passes to `hooksShim` names a module that exists (and, through
 *   sdk/shim.ts, that it exports every hook);
 * - sdk/hooksShims/: the provider object of every resource, one module each, the object Pulumi
 *   serializes into state as `__provider` (sdk/shim.ts says why it is shaped so).
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

/** The folder of the per-type shim modules, below the package root once built (`dist/sdk/…`). */
export const HOOKS_SHIMS_DIR = "sdk/hooksShims";

/**
 * The text of one shim module, sdk/hooksShims/<hooks path>.ts, before formatting: its
 * `module.exports` is the provider object itself (`export =`, so no `__esModule` marker is part of
 * it), one function that names its hooks module by a literal, because the serializer stores a
 * function's text and nothing of the module it was written in. A module of its own because the
 * serializer writes a module under `node_modules` as a `require` of it (sdk/shim.ts).
 *
 * @param packageName - the npm name the hooks are required by (package.json's `name`).
 */
function hooksShimFile(path: string, packageName: string): string {
  return (
    GENERATED_HEADER +
    "\n" +
    `/** The provider object of the resource whose hooks are provider/${path} (sdk/shim.ts). */\n` +
    "export = {\n" +
    "  configure: function (this: object, request: unknown): unknown {\n" +
    `    const hooks = require(${JSON.stringify(`${packageName}/dist/provider/${path}`)});\n` +
    "    Object.assign(this, hooks);\n" +
    "    return hooks.configure(request);\n" +
    "  },\n" +
    "};\n"
  );
}

/** The text of sdk/hooksShims/index.ts, before formatting: every shim module by hooks path. */
function hooksShimsIndexFile(paths: string[]): string {
  const members = paths.map(
    (path) => `  ${JSON.stringify(path)}: require(${JSON.stringify(`./${path}`)}) as object,\n`,
  );
  return (
    GENERATED_HEADER +
    "\n" +
    "/**\n" +
    " * The provider object of each resource type, by hooks path: each module's `module.exports`\n" +
    " * itself, which is what lets the serializer refer to an installed one by its `require`.\n" +
    " */\n" +
    `export const HOOKS_SHIMS = {\n${members.join("")}} as const;\n`
  );
}

/**
 * The shim modules by repository path: sdk/hooksShims/<hooks path>.ts per resource, and
 * sdk/hooksShims/index.ts, which names them all.
 *
 * @param packageName - the npm name the hooks are required by (package.json's `name`).
 */
export function hooksShimsFiles(schema: Schema, packageName: string): Map<string, string> {
  const paths = hooksPaths(schema);
  const files = new Map<string, string>();
  for (const path of paths) {
    files.set(`${HOOKS_SHIMS_DIR}/${path}.ts`, hooksShimFile(path, packageName));
  }
  files.set(`${HOOKS_SHIMS_DIR}/index.ts`, hooksShimsIndexFile(paths));
  return files;
}
