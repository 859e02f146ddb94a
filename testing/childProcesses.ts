/**
 * What the two child processes of a run share: line-buffered capture of their output and a stop
 * that waits until the process is really gone and its output drained (no run may leave a process
 * behind, and no log line may be lost).
 */
import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import type { LogLine } from "./types";

/** Calls `onLine` with each complete line `stream` prints (and the unterminated rest at its end). */
export function forEachLine(stream: Readable | null, onLine: (text: string) => void): void {
  if (!stream) return;
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => {
    if (pending) onLine(pending);
    pending = "";
  });
}

/** A child process whose output is captured as {@link LogLine}s and which can be stopped. */
export class ManagedChild {
  /** Resolves once the process has exited and its output streams are closed. */
  readonly closed: Promise<void>;
  private exited = false;

  constructor(
    readonly process: ChildProcess,
    source: LogLine["source"],
    onLine: (line: LogLine) => void,
    /** False when the caller reads stdout itself (the provider's first line is its port). */
    captureStdout = true,
  ) {
    this.closed = new Promise((resolve) => process.once("close", () => resolve()));
    process.once("exit", () => (this.exited = true));
    // Without a listener a failed spawn would crash the runner instead of failing the run.
    process.on("error", (error) => onLine({ source, stream: "stderr", text: String(error) }));
    if (captureStdout) {
      forEachLine(process.stdout, (text) => onLine({ source, stream: "stdout", text }));
    }
    forEachLine(process.stderr, (text) => onLine({ source, stream: "stderr", text }));
  }

  /** The process id (0 when the spawn failed). */
  get pid(): number {
    return this.process.pid ?? 0;
  }

  /**
   * Kills the process (SIGKILL: neither a program nor a dynamic provider holds anything the runner
   * still needs) and resolves once it is reaped.
   */
  async stop(): Promise<void> {
    if (!this.exited && this.process.pid !== undefined) this.process.kill("SIGKILL");
    await this.closed;
  }
}
