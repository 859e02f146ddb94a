/**
 * Samples the resident memory of this process's child processes whose command line matches a
 * pattern (e.g. Pulumi's dynamic-provider), from /proc, so a benchmark can report the provider
 * process's peak RSS without the runner exposing it.
 */
import * as fs from "node:fs";

function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === process.pid) pids.push(Number(entry));
    } catch {
      // exited while listing
    }
  }
  return pids;
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
   */
  constructor(
    private readonly commandPattern: RegExp,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    for (const pid of childPids()) {
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
