/**
 * `npm run generate`: writes every file derived from schema/schema.json (sdk classes and types, the
 * hooks-module map, the schema's provider configuration, the docs tables). With `--check` it
 * writes nothing, prints each stale file and exits 1 when there is one (for CI).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, staleFiles } from "./generate";

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const stale = await staleFiles();
  for (const [file, text] of stale) {
    if (check) {
      console.log(`stale: ${file}`);
      continue;
    }
    fs.writeFileSync(path.join(REPO_ROOT, file), text);
    console.log(`wrote ${file}`);
  }
  if (check && stale.size > 0) {
    console.log("run `npm run generate` and commit the result");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
