/**
 * sdk/hooksModules.ts: the hooks module of every resource, as types only, so tsc checks at build
 * time that each path a class passes to `hooksShim` names a module that exists (and, through
 * sdk/shim.ts, that it exports every hook).
 */
import { GENERATED_HEADER } from "./header";
import type { Schema } from "./schemaTypes";

/** The text of sdk/hooksModules.ts, before formatting. */
export function hooksModulesFile(schema: Schema): string {
  const hooks = Object.values(schema.resources).map(
    (resource) => resource.language.certplane.hooks,
  );
  const members = hooks.map(
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
