/**
 * Logging from inside a provider process. The dynamic-provider host's stderr is shown by the engine,
 * so that is where lines go by default; the native plugin replaces the sink with the engine's log
 * service (provider/plugin/engineLog.ts), since the CLI does not show a plugin's stderr. Every line
 * is redacted first. Debug lines appear only with CERTPLANE_DEBUG=1.
 */
import { redact } from "./redact";

/** How much a line matters; an engine shows each severity in its own way. */
export type LogSeverity = "warning" | "info" | "debug";

/** Receives each line, already prefixed (`certplane warning: …`) and redacted. */
export type LogSink = (line: string, severity: LogSeverity) => void;

/** Where log lines go (replaceable in tests to capture them). */
export let logSink: LogSink = (line) => process.stderr.write(line + "\n");

/** Replaces the sink; returns a function restoring the previous one. */
export function setLogSink(sink: LogSink): () => void {
  const previous = logSink;
  logSink = sink;
  return () => {
    logSink = previous;
  };
}

/** certplane's logger. */
export const log = {
  warn(message: string): void {
    logSink(`certplane warning: ${redact(message)}`, "warning");
  },
  info(message: string): void {
    logSink(`certplane: ${redact(message)}`, "info");
  },
  debug(message: string): void {
    if (process.env.CERTPLANE_DEBUG === "1")
      logSink(`certplane debug: ${redact(message)}`, "debug");
  },
};
