/**
 * The fault matrix drives the lifecycle runner as a user's built project does: the runner from the
 * package's compiled `pulumi-certplane/testing`, and the fixture programs compiled to JavaScript once
 * per suite (shared by every cell of every rig). From source, each `up` would start its language host
 * under tsx to load the TypeScript runner and program, which more than doubles the CPU the host's
 * start-up costs (1.0 s → 2.3 s to load `@pulumi/pulumi` and the SDK on two cores), and the matrix
 * makes about a thousand runs. Each run still starts its own language host and provider process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../support/packageLink";

type RunnerModule = typeof import("../../testing");

/** `pulumi-certplane/testing` as the package exports it (dist/, so `npm run build` first). */
function loadBuiltRunner(): RunnerModule {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    exports: Record<string, { default: string }>;
  };
  const entry = path.join(REPO_ROOT, manifest.exports["./testing"].default);
  if (!fs.existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does).`);
  }
  // A plain require: through tsx's tsconfig `paths`, the package name would resolve to the source.
  return require(entry) as RunnerModule;
}

export const { LifecycleRunner, LifecycleError } = loadBuiltRunner();
export type LifecycleRunner = InstanceType<RunnerModule["LifecycleRunner"]>;

/**
 * Compiles the fault fixture programs (tests/fixtures/faults/*.ts, with their Pulumi.yaml) into a
 * fresh folder under the repository's .tmp/ (so `@pulumi/pulumi` resolves from its node_modules) and
 * returns the folder; remove it with {@link removePrograms}.
 */
export function compilePrograms(): string {
  const source = path.join(REPO_ROOT, "tests", "fixtures", "faults");
  fs.mkdirSync(path.join(REPO_ROOT, ".tmp"), { recursive: true });
  const target = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "fault-programs-"));
  for (const file of fs.readdirSync(source)) {
    const from = path.join(source, file);
    if (!file.endsWith(".ts")) {
      fs.copyFileSync(from, path.join(target, file));
      continue;
    }
    const { outputText } = ts.transpileModule(fs.readFileSync(from, "utf8"), {
      fileName: from,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    fs.writeFileSync(path.join(target, file.replace(/\.ts$/, ".js")), outputText);
  }
  return target;
}

/** Removes a folder made by {@link compilePrograms}. */
export function removePrograms(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}
