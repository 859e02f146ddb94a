/**
 * Finds the real Pulumi CLI: the one `make pulumi-cli` builds into its cache folder, else a `pulumi`
 * on PATH (Pulumi's installer puts it there). The demo and the engine tests use the same search.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./packageLink";

/** A Pulumi CLI that answered `pulumi version`. */
export interface PulumiCli {
  /** The folder holding `pulumi` (and, for the cache, `pulumi-resource-pulumi-nodejs`). */
  binDir: string;
  /** What `pulumi version` printed, e.g. `v3.274.1`. */
  version: string;
  /** Where it was found. */
  source: "cache" | "PATH";
}

/** The wrapper module whose pkg/v3 requirement names the version tools/pulumi-cli/build.sh builds. */
const WRAPPER_GO_MOD = path.join(REPO_ROOT, "tools", "pulumi-cli", "go.mod");

/** The version tools/pulumi-cli/build.sh builds, read from its go.mod (undefined outside a checkout). */
export function wrapperVersion(): string | undefined {
  if (!fs.existsSync(WRAPPER_GO_MOD)) return undefined;
  const match = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/m.exec(
    fs.readFileSync(WRAPPER_GO_MOD, "utf8"),
  );
  return match?.[1];
}

/** The cache folder tools/pulumi-cli/build.sh builds into (the same rule, said in that script). */
export function cacheBinDir(version: string): string {
  const cacheRoot =
    process.env.CERTPLANE_CACHE_DIR ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "certplane");
  return path.join(cacheRoot, `pulumi-${version}`, "bin");
}

function versionOf(command: string): string | undefined {
  const run = spawnSync(command, ["version"], { encoding: "utf8", timeout: 30_000 });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The CLI in the cache folder, else on PATH; undefined when there is none. */
export function findPulumiCli(): PulumiCli | undefined {
  const version = wrapperVersion();
  if (version) {
    const binDir = cacheBinDir(version);
    const printed = versionOf(path.join(binDir, "pulumi"));
    if (printed) return { binDir, version: printed, source: "cache" };
  }
  const printed = versionOf("pulumi");
  if (!printed) return undefined;
  const where = spawnSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).stdout.trim();
  return { binDir: path.dirname(where), version: printed, source: "PATH" };
}
