/**
 * Starts Pulumi's own dynamic-provider process, the way the engine starts the `pulumi-nodejs`
 * provider plugin: `node <sdk>/cmd/dynamic-provider/index.js <engine address>`. It prints the port
 * of its gRPC server as its first stdout line; everything after is log output.
 */
import { spawn } from "node:child_process";
import { forEachLine, ManagedChild } from "./childProcesses";
import type { LogLine } from "./types";

/** Where and how to start the provider process. */
export interface ProviderProcessOptions {
  /** `cmd/dynamic-provider/index.js` of the program's SDK. */
  entry: string;
  /** The project folder: the serialized provider code resolves packages from here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  onLine: (line: LogLine) => void;
  /**
   * The engine address given to the process. The dynamic-provider host never dials it; the native
   * plugin sends its log lines there.
   * @defaultValue "127.0.0.1:0" (nothing listens: a plugin's lines fall back to its stderr)
   */
  engineAddress?: string;
}

/** A running dynamic-provider process and the port it serves gRPC on. */
export interface ProviderProcess {
  child: ManagedChild;
  port: number;
}

/** Starts the process and waits for its port; kills it if it fails to start. */
export async function startProviderProcess(
  options: ProviderProcessOptions,
): Promise<ProviderProcess> {
  // The address argument is required; dynamic providers never dial it.
  const spawned = spawn(process.execPath, [options.entry, options.engineAddress ?? "127.0.0.1:0"], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let portLine: ((text: string) => void) | undefined;
  const port = new Promise<string>((resolve) => (portLine = resolve));
  // stdout is read here, not by ManagedChild: its first line is the port, not a log line.
  const child = new ManagedChild(spawned, "provider", options.onLine, false);
  forEachLine(spawned.stdout, (text) => {
    if (portLine) {
      portLine(text);
      portLine = undefined;
    } else {
      options.onLine({ source: "provider", stream: "stdout", text });
    }
  });
  const exitedFirst = child.closed.then(() => undefined);
  const text = await Promise.race([port, exitedFirst]);
  const parsed = Number(text);
  if (text === undefined || !Number.isInteger(parsed) || parsed <= 0) {
    await child.stop();
    throw new Error(
      `The dynamic-provider process (${options.entry}) did not start: it printed ` +
        `${JSON.stringify(text ?? "nothing")} instead of its port. See its stderr in the run's logs.`,
    );
  }
  return { child, port: parsed };
}
