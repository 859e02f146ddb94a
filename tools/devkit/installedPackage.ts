/**
 * certplane as users get it: `npm pack` of this checkout unpacked into
 * `<root>/node_modules/pulumi-certplane` (real files, not a link), and a program copied into a
 * project folder below it. A program there imports `pulumi-certplane` from that folder, so Pulumi's
 * serializer sees the package under `node_modules` and stores each resource's provider as a
 * `require` of its shim module (sdk/shim.ts), as it does for a user's installed package; in this
 * checkout the same provider is stored by value. Everything else (`@pulumi/pulumi`, axios) resolves
 * from the repository's node_modules above `root`, the same copies a CliStack's worker uses, so
 * `root` must lie inside the repository (e.g. under `.tmp/`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./packageLink";

/** A program copied into its project folder, beside the installed package. */
export interface InstalledProgram {
  program: string;
  /** The project name, from the program's Pulumi.yaml. */
  projectName: string;
  /** The CliStack state root whose workspace (`work/<project>`) is the program's folder. */
  stateRoot: string;
  /** A tsconfig without this checkout's `paths`, which would send `pulumi-certplane` back here. */
  env: Record<string, string>;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Packs and unpacks the package into `root` (emptied first; dist/ must be built), then copies
 * `program` and the Pulumi.yaml beside it into the workspace a CliStack with the returned state
 * root uses, so the program sits in its project folder as a user's does (the source positions
 * Pulumi records per resource are relative to that folder).
 */
export function installedProgram(root: string, program: string): InstalledProgram {
  fs.rmSync(root, { recursive: true, force: true });
  const target = path.join(root, "node_modules", "pulumi-certplane");
  fs.mkdirSync(target, { recursive: true });
  const tarball = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--silent", "--pack-destination", root],
    { cwd: REPO_ROOT, encoding: "utf8" },
  ).trim();
  execFileSync("tar", ["-xzf", path.join(root, tarball), "-C", target, "--strip-components=1"]);
  // A package of its own: under this checkout's package.json, `require("pulumi-certplane")` would
  // be Node's self-reference to the checkout, before any node_modules is looked at.
  writeJson(path.join(root, "package.json"), { name: "certplane-installed", private: true });
  const tsconfig = path.join(root, "tsconfig.json");
  writeJson(tsconfig, { compilerOptions: { module: "commonjs", esModuleInterop: true } });
  const sourceFolder = path.dirname(program);
  const projectYaml = fs.readFileSync(path.join(sourceFolder, "Pulumi.yaml"), "utf8");
  const projectName = /^name:\s*(\S+)/m.exec(projectYaml)?.[1];
  if (!projectName) throw new Error(`no name: in the Pulumi.yaml beside ${program}`);
  const stateRoot = path.join(root, "stack");
  // tools/devkit/cliStack.ts: the workspace is <stateRoot>/work/<project>.
  const project = path.join(stateRoot, "work", projectName);
  fs.mkdirSync(project, { recursive: true });
  const copied = path.join(project, path.basename(program));
  fs.copyFileSync(program, copied);
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), projectYaml);
  return { program: copied, projectName, stateRoot, env: { TSX_TSCONFIG_PATH: tsconfig } };
}
