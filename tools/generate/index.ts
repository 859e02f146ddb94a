/**
 * `npm run generate`: writes every file derived from schema/schema.json (sdk classes and types, the
 * hooks-module map, the schema's provider configuration, the docs tables, then the Python and Go
 * SDKs). With `--check` it writes nothing, prints each stale file and exits 1 when there is one
 * (for CI). `--typescript-only` leaves the Python and Go SDKs alone (no Go toolchain needed).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, staleFiles } from "./generate";
import { staleLanguageSdkFiles, writeLanguageSdks } from "./languageSdks";

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const stale = await staleFiles();
  for (const [file, text] of stale) {
    if (check) {
      console.log(`stale: ${file}`);
      continue;
    }
    fs.mkdirSync(path.dirname(path.join(REPO_ROOT, file)), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, file), text);
    console.log(`wrote ${file}`);
  }
  // After the schema file is written: the code generators read it from disk.
  const languages = !process.argv.includes("--typescript-only");
  const staleSdks = languages && check ? staleLanguageSdkFiles(REPO_ROOT) : [];
  for (const file of staleSdks) console.log(`stale: ${file}`);
  if (languages && !check) writeLanguageSdks(REPO_ROOT);
  if (check && stale.size + staleSdks.length > 0) {
    console.log("run `npm run generate` and commit the result");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
