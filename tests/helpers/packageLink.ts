/**
 * Makes `require("pulumi-certplane/…")` resolvable for processes started from this checkout.
 *
 * The dynamic-provider process loads each resource's serialized shim with require-from-string, which
 * resolves package specifiers from its cwd's node_modules or NODE_PATH — and a package cannot reach
 * itself by name from its own checkout. So tests put a folder holding a symlink
 * `pulumi-certplane → <repo root>` on the NODE_PATH of the processes they spawn. The hooks are loaded
 * from dist/, so run `npm run build` first (`npm test` does).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Creates (once) and returns the NODE_PATH folder that resolves `pulumi-certplane` to this checkout. */
export function packageNodePath(): string {
  const folder = path.join(REPO_ROOT, ".tmp", "node_path");
  const link = path.join(folder, "pulumi-certplane");
  fs.mkdirSync(folder, { recursive: true });
  try {
    const target = fs.readlinkSync(link);
    if (path.resolve(folder, target) === REPO_ROOT) return folder;
    fs.unlinkSync(link);
  } catch {
    // no link yet
  }
  fs.symlinkSync(REPO_ROOT, link, "dir");
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider"))) {
    throw new Error(
      "dist/provider is missing: run `npm run build` before the lifecycle tests (npm test does).",
    );
  }
  return folder;
}
