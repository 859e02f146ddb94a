/**
 * Runs one command to its end without blocking the event loop (the simulator serves from the test's
 * own process), bounded by a timeout, and returns what it printed. A command that cannot start (a
 * missing tool) throws, naming it.
 */
import { spawn } from "node:child_process";

/** What a finished command printed, and its exit code (null when a signal or the timeout ended it). */
export interface CommandRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` with exactly `env`; stops it (SIGTERM, then SIGKILL) after `timeoutMs`. */
export function runCommand(
  command: { file: string; args: string[]; cwd: string },
  env: Record<string, string>,
  timeoutMs: number,
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, {
      cwd: command.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(
        new Error(`could not run ${command.file} (is it installed and on PATH?): ${error.message}`),
      );
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      const run = {
        exitCode,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      };
      if (timedOut)
        run.stderr += `\n${command.file} took longer than ${timeoutMs} ms and was stopped`;
      resolve(run);
    });
  });
}

/** Runs `command` like {@link runCommand}; throws, with what it printed, unless it exits 0. */
export async function runChecked(
  command: { file: string; args: string[]; cwd: string },
  env: Record<string, string>,
  timeoutMs: number,
): Promise<string> {
  const run = await runCommand(command, env, timeoutMs);
  if (run.exitCode !== 0) {
    throw new Error(
      `${[command.file, ...command.args].join(" ")} failed (exit ${run.exitCode}):\n${run.stderr}`,
    );
  }
  return run.stdout;
}
