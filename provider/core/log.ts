/**
 * Logging from inside the dynamic-provider process. The engine shows that process's stderr, so that
 * is where warnings go; every line is redacted first. Debug lines appear only with CERTPLANE_DEBUG=1.
 */
import { redact } from "./redact";

/** Where log lines go (replaceable in tests to capture them). */
export let logSink: (line: string) => void = (line) => process.stderr.write(line + "\n");

/** Replaces the sink; returns a function restoring the previous one. */
export function setLogSink(sink: (line: string) => void): () => void {
  const previous = logSink;
  logSink = sink;
  return () => {
    logSink = previous;
  };
}

/** certplane's logger. */
export const log = {
  warn(message: string): void {
    logSink(`certplane warning: ${redact(message)}`);
  },
  info(message: string): void {
    logSink(`certplane: ${redact(message)}`);
  },
  debug(message: string): void {
    if (process.env.CERTPLANE_DEBUG === "1") logSink(`certplane debug: ${redact(message)}`);
  },
};
