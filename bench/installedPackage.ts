/**
 * certplane as users get it, for the benchmarks: `npm pack` of this checkout unpacked into
 * `.tmp/bench-installed/node_modules/pulumi-certplane` (real files, not a link), with a bench
 * program copied into a project folder below it. A program there imports `pulumi-certplane` from
 * that folder, so Pulumi's serializer sees the package under `node_modules` and stores each
 * resource's provider as a `require` of its shim module (sdk/shim.ts), as it does for a user's
 * installed package; in this checkout the same provider is stored by value. Everything else
 * (`@pulumi/pulumi`, axios) resolves from the repository's node_modules above, the same copies the
 * bench's stack worker uses.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../tools/devkit/packageLink";

/** The folder holding the installed package and the copied programs. */
export const INSTALLED_ROOT = path.join(REPO_ROOT, ".tmp", "bench-installed");
/** The bench programs' project name (bench/programs/Pulumi.yaml). */
const PROJECT = "certplane-bench";

/** A program copied into its project folder, beside the installed package. */
export interface InstalledProgram {
  program: string;
  /** The CliStack state root whose workspace (`work/<project>`) is the program's folder. */
  stateRoot: string;
  /** A tsconfig without this checkout's `paths`, which would send `pulumi-certplane` back here. */
  env: Record<string, string>;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Packs and unpacks the package (dist/ must be built), then copies `programs/<program>` and its
 * Pulumi.yaml into the workspace a CliStack with the returned state root uses, so the program sits
 * in its project folder as a user's does (the source positions Pulumi records per resource are
 * relative to that folder).
 */
export function installedProgram(program: string): InstalledProgram {
  fs.rmSync(INSTALLED_ROOT, { recursive: true, force: true });
  const target = path.join(INSTALLED_ROOT, "node_modules", "pulumi-certplane");
  fs.mkdirSync(target, { recursive: true });
  const tarball = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--silent", "--pack-destination", INSTALLED_ROOT],
    { cwd: REPO_ROOT, encoding: "utf8" },
  ).trim();
  const unpack = ["-xzf", path.join(INSTALLED_ROOT, tarball), "-C", target, "--strip-components=1"];
  execFileSync("tar", unpack);
  // A package of its own: under this checkout's package.json, `require("pulumi-certplane")` would
  // be Node's self-reference to the checkout, before any node_modules is looked at.
  writeJson(path.join(INSTALLED_ROOT, "package.json"), {
    name: "certplane-bench-installed",
    private: true,
  });
  const tsconfig = path.join(INSTALLED_ROOT, "tsconfig.json");
  writeJson(tsconfig, { compilerOptions: { module: "commonjs", esModuleInterop: true } });
  const stateRoot = path.join(INSTALLED_ROOT, "stack");
  // tools/devkit/cliStack.ts: the workspace is <stateRoot>/work/<project>.
  const project = path.join(stateRoot, "work", PROJECT);
  fs.mkdirSync(project, { recursive: true });
  const programs = path.join(__dirname, "programs");
  fs.copyFileSync(path.join(programs, program), path.join(project, program));
  fs.copyFileSync(path.join(programs, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
  return { program: path.join(project, program), stateRoot, env: { TSX_TSCONFIG_PATH: tsconfig } };
}
