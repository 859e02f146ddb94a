/**
 * Everything generated from schema/schema.json, in memory: the repository path and the text of
 * each file. `npm run generate` writes them; the stale check compares them with the disk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { connectionFile } from "./connectionFile";
import { withTables } from "./docsTables";
import { formatted } from "./format";
import { hooksModulesFile, hooksShimsFiles } from "./hooksModules";
import { connectionFiles, docsFile, resourceFile } from "./layout";
import { schemaFileText } from "./providerConfig";
import { resourceClassFile } from "./resourceClass";
import type { Schema } from "./schemaTypes";

/** The repository root (tools/generate/../..). */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/** The package's version, from package.json. */
export function packageVersion(root = REPO_ROOT): string {
  return packageManifest(root).version;
}

/** The package's npm name, which the serialized shims require the hooks by. */
export function packageName(root = REPO_ROOT): string {
  return packageManifest(root).name;
}

function packageManifest(root: string): { name: string; version: string } {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
}

/** The schema as written in the repository. */
export function readSchema(root = REPO_ROOT): Schema {
  return JSON.parse(fs.readFileSync(path.join(root, "schema/schema.json"), "utf8")) as Schema;
}

/**
 * Every generated file's text by repository path, from `schema`. Docs pages are generated into
 * their current text (read with `readPage`), whose hand-written prose they keep.
 */
export async function generateFiles(
  schema: Schema,
  readPage: (file: string) => string,
  root = REPO_ROOT,
): Promise<Map<string, string>> {
  const raw = new Map<string, string>();
  raw.set("schema/schema.json", schemaFileText(schema, packageVersion(root)));
  raw.set("sdk/hooksModules.ts", hooksModulesFile(schema));
  for (const [file, text] of hooksShimsFiles(schema, packageName(root))) raw.set(file, text);
  for (const [file, tokens] of connectionFiles(schema))
    raw.set(file, connectionFile(schema, tokens));
  for (const token of Object.keys(schema.resources)) {
    raw.set(resourceFile(schema, token), resourceClassFile(schema, token));
    const page = docsFile(schema, token);
    raw.set(page, withTables(schema, token, page, readPage(page)));
  }
  const files = new Map<string, string>();
  for (const [file, text] of raw) files.set(file, await formatted(root, file, text));
  return files;
}

/** The generated files whose text on disk differs (or that are missing), with their new text. */
export async function staleFiles(root = REPO_ROOT): Promise<Map<string, string>> {
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
  const files = await generateFiles(readSchema(root), read, root);
  const stale = new Map<string, string>();
  for (const [file, text] of files) {
    const onDisk = fs.existsSync(path.join(root, file)) ? read(file) : undefined;
    if (onDisk !== text) stale.set(file, text);
  }
  return stale;
}
