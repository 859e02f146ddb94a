/**
 * Makes `require("pulumi-certplane/…")` resolvable for processes started from this checkout.
 *
 * The dynamic-provider process loads each resource's serialized shim, which requires the hooks by
 * package name from its cwd's node_modules or NODE_PATH — and a package cannot reach itself by name
 * from its own checkout. So the demo and the tests put a folder holding a symlink
 * `pulumi-certplane → <repo root>` on the NODE_PATH of the processes they spawn. A user's project
 * has the package in node_modules and needs none of this.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root (this file is tools/devkit/packageLink.ts). */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Creates (once) and returns the NODE_PATH folder that resolves `pulumi-certplane` to this checkout. */
export function packageNodePath(): string {
  const folder = path.join(REPO_ROOT, ".tmp", "node_path");
  const link = path.join(folder, "pulumi-certplane");
  fs.mkdirSync(folder, { recursive: true });
  try {
    if (path.resolve(folder, fs.readlinkSync(link)) === REPO_ROOT) return folder;
    fs.unlinkSync(link);
  } catch {
    // no link yet
  }
  fs.symlinkSync(REPO_ROOT, link, "dir");
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider"))) {
    throw new Error(
      "dist/provider is missing: run `npm run build` first (npm test and npm run demo do).",
    );
  }
  return folder;
}
