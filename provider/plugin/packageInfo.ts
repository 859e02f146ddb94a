/**
 * What the plugin says about itself: the npm package's version (GetPluginInfo, and the schema's
 * `version`) and the package schema (GetSchema).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE_SCHEMA } from "../core/packageSchema";

/** The npm package the plugin ships in (package.json `name`). */
const NPM_NAME = "pulumi-certplane";

/**
 * The version in the package.json of the package this file is in: the nearest one upwards named
 * {@link NPM_NAME} (this file runs from provider/plugin/ in the repository and from
 * dist/provider/plugin/ when installed, at different depths).
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === NPM_NAME && json.version) return json.version;
    }
    if (path.dirname(dir) === dir)
      throw new Error(`no package.json named ${NPM_NAME} above ${__dirname}`);
  }
}

/** schema/schema.json with the package version, as GetSchema answers it. */
export function packageSchemaText(): string {
  const { name, ...rest } = PACKAGE_SCHEMA;
  return JSON.stringify({ name, version: packageVersion(), ...rest });
}
