/**
 * Samples the resident memory of this process's child processes (or, optionally, all its
 * descendants: under the real CLI the provider is the engine's child, two levels down) whose command
 * line matches a pattern (e.g. Pulumi's dynamic-provider), from /proc, so a benchmark can report
 * the provider process's peak RSS without the runner or the engine exposing it.
 */
import * as fs from "node:fs";

/** Parent pid of every process, from /proc/<pid>/stat. */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited while listing
    }
  }
  return parents;
}

/** This process's children, or all its descendants. */
function ownPids(descendants: boolean): number[] {
  const parents = parentPids();
  const mine = new Set([process.pid]);
  // Each pass adds the next generation; a process tree is far shallower than the bound.
  for (let depth = 0; depth < (descendants ? 32 : 1); depth++) {
    const before = mine.size;
    for (const [pid, ppid] of parents) if (mine.has(ppid)) mine.add(pid);
    if (mine.size === before) break;
  }
  mine.delete(process.pid);
  return [...mine];
}

/** `VmHWM` (peak resident set) of a process, in KiB, or undefined once it is gone. */
function peakRssKib(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until stopped; `peakMiB` is the largest peak RSS seen of a matching child. */
export class ChildMemorySampler {
  private peakKib = 0;
  private readonly timer: NodeJS.Timeout;

  /**
   * @param commandPattern - matched against each child's /proc/<pid>/cmdline
   * @param intervalMs - polling period
   * @param descendants - match every descendant, not only direct children
   */
  constructor(
    private readonly commandPattern: RegExp,
    intervalMs = 100,
    private readonly descendants = false,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    for (const pid of ownPids(this.descendants)) {
      let cmdline: string;
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      } catch {
        continue;
      }
      if (!this.commandPattern.test(cmdline)) continue;
      this.peakKib = Math.max(this.peakKib, peakRssKib(pid) ?? 0);
    }
  }

  /** Stops polling and returns the peak in MiB. */
  stop(): number {
    clearInterval(this.timer);
    return this.peakKib / 1024;
  }
}
