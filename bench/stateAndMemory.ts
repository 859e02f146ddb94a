/**
 * What certplane costs the engine per resource, measured through the lifecycle runner: the
 * dynamic-provider process's peak RSS after N resources, state bytes per resource, and the
 * serialized `__provider` per type (bytes, distinct texts — 1 means every resource shares it).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageNodePath } from "../tools/devkit/packageLink";
import { LifecycleRunner } from "../testing";
import { ChildMemorySampler } from "./procSampler";

const PROGRAM = path.join(__dirname, "programs", "manyCsrs.ts");

/** `__provider` texts by resource type, from a runner state file. */
export function providersByType(state: unknown): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  const resources = (state as { resources?: { type: string; outputs?: Record<string, unknown> }[] })
    .resources;
  for (const resource of resources ?? []) {
    const provider = resource.outputs?.__provider;
    if (typeof provider !== "string") continue;
    const texts = byType.get(resource.type) ?? new Set<string>();
    texts.add(provider);
    byType.set(resource.type, texts);
  }
  return byType;
}

/** One measurement of the state/memory benchmark. */
export interface StateMemoryRow {
  resources: number;
  upSeconds: number;
  resourcesPerSecond: number;
  providerPeakRssMiB: number;
  stateBytesPerResource: number;
  providerBytes: Record<string, number>;
  distinctProviderTexts: Record<string, number>;
}

async function measureOnce(count: number): Promise<StateMemoryRow> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-bench-state-"));
  try {
    const runner = new LifecycleRunner({
      program: PROGRAM,
      stateDir,
      config: { count: String(count) },
      nodePath: [packageNodePath()],
    });
    const sampler = new ChildMemorySampler(/cmd\/dynamic-provider/);
    const result = await runner.up();
    const peak = sampler.stop();
    const stateText = fs.readFileSync(result.stateFile, "utf8");
    const byType = providersByType(JSON.parse(stateText));
    const providerBytes: Record<string, number> = {};
    const distinct: Record<string, number> = {};
    for (const [type, texts] of byType) {
      const name = type.split(":").pop() ?? type;
      providerBytes[name] = Math.max(...[...texts].map((t) => Buffer.byteLength(t)));
      distinct[name] = texts.size;
    }
    await runner.destroy();
    return {
      resources: count,
      upSeconds: result.durationMs / 1000,
      resourcesPerSecond: count / (result.durationMs / 1000),
      providerPeakRssMiB: peak,
      stateBytesPerResource: Buffer.byteLength(stateText) / count,
      providerBytes,
      distinctProviderTexts: distinct,
    };
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Runs the benchmark at 100 and 1,000 resources (the ratio shows how memory grows). */
export async function benchStateAndMemory(): Promise<{
  rows: StateMemoryRow[];
  table: string[][];
}> {
  const rows = [await measureOnce(100), await measureOnce(1000)];
  const table = [
    [
      "resources",
      "up s",
      "resources/s",
      "provider peak RSS MiB",
      "state bytes/resource",
      "__provider bytes",
      "distinct __provider",
    ],
    ...rows.map((r) => [
      String(r.resources),
      r.upSeconds.toFixed(1),
      r.resourcesPerSecond.toFixed(0),
      r.providerPeakRssMiB.toFixed(0),
      r.stateBytesPerResource.toFixed(0),
      Object.entries(r.providerBytes)
        .map(([t, b]) => `${t} ${b}`)
        .join(", "),
      Object.entries(r.distinctProviderTexts)
        .map(([t, n]) => `${t} ${n}`)
        .join(", "),
    ]),
  ];
  return { rows, table };
}
