/**
 * Reads stacks through the Pulumi CLI on PATH, as a user would: `pulumi stack ls --all --json` for
 * `--all`, then `pulumi stack export --stack <name>` for each, a bounded number at a time. Never
 * `--show-secrets`: secrets stay ciphertext and the report reads only public outputs. The backend is
 * whatever the CLI uses there (PULUMI_BACKEND_URL, or the current login), and the passphrase or
 * secrets provider is never needed: nothing is decrypted.
 */
import { execFile } from "node:child_process";
import { parseStackExport, ExportError, type StackExport } from "./stackExport";

/** How many `pulumi stack export`s run at once: enough to overlap a service backend's latency. */
export const EXPORTS_AT_ONCE = 4;
/** The longest one CLI command may take. */
const COMMAND_TIMEOUT_MS = 300_000;
/** A checkpoint of thousands of resources is tens of megabytes (each carries its __provider). */
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

/** Where and how the CLI runs. */
export interface PulumiCliOptions {
  /** The `pulumi` executable. @default "pulumi" (found on PATH) */
  command?: string;
  /** The folder the CLI runs in (a project folder, when stacks are named without a project). */
  cwd?: string;
}

/** Runs the CLI; rejects with an ExportError naming the command and the CLI's own message. */
function pulumi(args: string[], options: PulumiCliOptions, label: string): Promise<string> {
  const command = options.command ?? "pulumi";
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args, "--non-interactive"],
      {
        cwd: options.cwd,
        encoding: "utf8",
        timeout: COMMAND_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        const why = missing
          ? `\`${command}\` was not found on PATH (install the Pulumi CLI, or pass export files)`
          : `\`pulumi ${args.join(" ")}\` failed: ${stderr.trim() || error.message}`;
        reject(new ExportError(label, why));
      },
    );
  });
}

/** The names of every stack of the backend (`pulumi stack ls --all --json`). */
export async function listStacks(options: PulumiCliOptions): Promise<string[]> {
  const text = await pulumi(["stack", "ls", "--all", "--json"], options, "--all");
  let listed: unknown;
  try {
    listed = JSON.parse(text);
  } catch {
    throw new ExportError("--all", "`pulumi stack ls --all --json` did not print JSON");
  }
  if (!Array.isArray(listed) || !listed.every((s) => typeof s?.name === "string")) {
    throw new ExportError("--all", "`pulumi stack ls --all --json` did not print a list of stacks");
  }
  return (listed as { name: string }[]).map((s) => s.name);
}

/** One stack's export, read through the CLI. */
export async function exportStack(name: string, options: PulumiCliOptions): Promise<StackExport> {
  const label = `stack ${name}`;
  const text = await pulumi(["stack", "export", "--stack", name], options, label);
  return parseStackExport(text, { from: "cli", label, stack: name });
}

/**
 * The exports of `names`, in the order given, at most {@link EXPORTS_AT_ONCE} running at a time;
 * rejects with the first failure.
 */
export async function exportStacks(
  names: readonly string[],
  options: PulumiCliOptions,
): Promise<StackExport[]> {
  const results: StackExport[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    // Bounded: each turn takes one name, and there are names.length of them.
    while (next < names.length) {
      const index = next++;
      results[index] = await exportStack(names[index], options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(EXPORTS_AT_ONCE, names.length) }, worker));
  return results;
}
