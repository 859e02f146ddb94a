/**
 * The Python that engine specs run programs with: the venv tools/python/venv.sh makes from the
 * hashed lock (`pulumi` and sdk/python installed) once, about a minute, then reuses.
 */
import * as path from "node:path";
import { REPO_ROOT } from "../../support/packageLink";
import { runChecked } from "./runCommand";

/** The venv's `python`; fails, saying why, when there is no python3 to make it with. */
export async function venvPython(env: Record<string, string>): Promise<string> {
  const venv = await runChecked(
    { file: "bash", args: [path.join(REPO_ROOT, "tools", "python", "venv.sh")], cwd: REPO_ROOT },
    env,
    600_000,
  );
  return path.join(venv.trim(), "bin", "python");
}
