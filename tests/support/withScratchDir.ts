/**
 * A temporary folder for a mocha suite: made when the suite is declared, removed after it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The folder, and paths inside it. */
export interface ScratchDir {
  readonly dir: string;
  file(name: string): string;
}

/** A fresh folder under the system temp folder whose name starts with `prefix`. */
export function withScratchDir(prefix: string): ScratchDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, file: (name) => path.join(dir, name) };
}
