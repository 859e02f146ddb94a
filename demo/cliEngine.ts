/**
 * Runs the demo program with the real Pulumi CLI (`pulumi up`) against a local file backend, when a
 * `pulumi` binary is on PATH. The quickstart's project is the repository's Pulumi.yaml (main:
 * examples/quickstart); the consumer's is examples/consumer.
 *
 * Not exercised by the test suite: the CLI cannot be installed on the machine the tests run on.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { DemoEngine, DemoRun } from "./engine";
import type { IssuedResource } from "./issued";
import { REPO_ROOT, packageNodePath } from "./packageLink";

/** Printed by `pulumi stack output --json` in place of a secret value. */
const SECRET_PLACEHOLDER = "[secret]";

/** True when a `pulumi` binary answers `pulumi version`. */
export function pulumiOnPath(): boolean {
  return spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
}

interface ExportedResource {
  urn: string;
  type: string;
  outputs?: Record<string, unknown>;
}

interface HistoryEntry {
  resourceChanges?: Record<string, number>;
}

/**
 * The CLI engine: state in `backendDir` (a file backend), the passphrase secrets provider with a
 * fixed demo passphrase — a demo stack on a local disk, not a pattern for real stacks.
 */
export function cliEngine(
  projectDir: string,
  backendDir: string,
  env: Record<string, string>,
  print: (line: string) => void,
): DemoEngine {
  fs.mkdirSync(backendDir, { recursive: true });
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "certplane-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    NODE_PATH: [packageNodePath(), process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
  };

  const capture = (args: string[]): string => {
    const run = spawnSync("pulumi", args, { cwd: projectDir, env: childEnv, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${run.stderr}`);
    return run.stdout;
  };
  const stream = (args: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", args, {
        cwd: projectDir,
        env: childEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const forward = (chunk: Buffer) =>
        chunk
          .toString("utf8")
          .split("\n")
          .filter((line) => line.trim())
          .forEach((line) => print(`  ${line}`));
      child.stdout.on("data", forward);
      child.stderr.on("data", forward);
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve() : reject(new Error(`pulumi ${args[0]} exited with ${String(code)}`)),
      );
    });

  const report = (started: number): DemoRun => {
    const deployment = JSON.parse(capture(["stack", "export"])) as {
      deployment?: { resources?: ExportedResource[] };
    };
    const resources: IssuedResource[] = (deployment.deployment?.resources ?? []).map((r) => ({
      type: r.type,
      name: r.urn.split("::").pop() ?? r.urn,
      outputs: r.outputs ?? {},
    }));
    const outputs = JSON.parse(capture(["stack", "output", "--json"])) as Record<string, unknown>;
    const [latest] = JSON.parse(
      capture(["stack", "history", "--json", "--page-size", "1"]),
    ) as HistoryEntry[];
    const counts = latest?.resourceChanges ?? {};
    const changes = ["create", "update", "replace", "delete"].reduce(
      (sum, op) => sum + (counts[op] ?? 0),
      0,
    );
    return {
      changes,
      counts,
      resources,
      outputs,
      secretOutputs: Object.keys(outputs).filter((name) => outputs[name] === SECRET_PLACEHOLDER),
      durationMs: Date.now() - started,
    };
  };

  capture(["stack", "select", "demo", "--create", "--non-interactive"]);
  return {
    name: `pulumi CLI in ${path.relative(REPO_ROOT, projectDir) || "."} (file backend in ${path.relative(REPO_ROOT, backendDir)})`,
    up: async () => {
      const started = Date.now();
      await stream(["up", "--yes", "--skip-preview", "--non-interactive"]);
      return report(started);
    },
    destroy: async () => {
      const started = Date.now();
      await stream(["destroy", "--yes", "--skip-preview", "--non-interactive"]);
      return report(started);
    },
  };
}
