/**
 * The Python and Go SDKs (sdk/python, sdk/go), written by Pulumi's own code generators through
 * tools/codegen (a Go program; `pulumi package gen-sdk` needs language plugins that cannot be built
 * here). Writing runs it on the repository; checking runs it into a scratch folder and compares.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The SDK folders the code generators own, by language. */
const SDK_FOLDERS = { python: "sdk/python", go: "sdk/go" } as const;

function runCodegen(root: string, args: string[]): void {
  execFileSync("bash", [path.join(root, "tools/codegen/generate.sh"), ...args], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Writes both SDKs from the repository's schema. */
export function writeLanguageSdks(root: string): void {
  runCodegen(root, []);
}

/** Every file (relative path) below `folder`, sorted; none when it does not exist. */
function filesBelow(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((file) => fs.statSync(path.join(folder, file)).isFile())
    .sort();
}

/** The repository paths of SDK files that differ from what the schema generates (or are extra). */
export function staleLanguageSdkFiles(root: string): string[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-sdks-"));
  try {
    const args: string[] = ["-schema", path.join(root, "schema/schema.json")];
    for (const [language, folder] of Object.entries(SDK_FOLDERS))
      args.push(`-${language}`, path.join(scratch, folder));
    runCodegen(root, args);
    const stale: string[] = [];
    for (const folder of Object.values(SDK_FOLDERS)) {
      const expected = path.join(scratch, folder);
      const actual = path.join(root, folder);
      const names = new Set([...filesBelow(expected), ...filesBelow(actual)]);
      for (const name of [...names].sort()) {
        const a = path.join(expected, name);
        const b = path.join(actual, name);
        if (
          !fs.existsSync(a) ||
          !fs.existsSync(b) ||
          !fs.readFileSync(a).equals(fs.readFileSync(b))
        )
          stale.push(path.join(folder, name));
      }
    }
    return stale;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
