/**
 * The plugin's log lines go to the engine's log service, which the CLI shows as diagnostics
 * (`warning: certplane: …`); a plugin's stderr is not shown by the CLI, so a warning written there —
 * an imported PAT without its token, an expired certificate on a device, insecureSkipTlsVerify —
 * would reach nobody. When the engine cannot be reached a line falls back to stderr.
 */
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { setLogSink, type LogSeverity } from "../core/log";
import grpc = require("./serverGrpc");

const SEVERITY: Record<LogSeverity, enginePb.LogSeverity> = {
  warning: enginePb.LogSeverity.WARNING,
  info: enginePb.LogSeverity.INFO,
  debug: enginePb.LogSeverity.DEBUG,
};

/** `certplane warning: x` → `certplane: x` (the engine shows the severity itself). */
const engineText = (line: string): string =>
  line.replace(/^certplane (warning|debug): /, "certplane: ");

/**
 * The engine's address among the plugin's arguments: the first one that is not a flag the engine
 * adds (`--logtostderr`, `-v=N`, `--tracing <endpoint>`), read as the provider server reads them.
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (args[i] !== "--logtostderr" && !args[i].startsWith("-v=")) return args[i];
  }
  return undefined;
}

/**
 * Sends log lines to the engine whose address is among the plugin's arguments (as the provider
 * server reads them); nothing changes when there is none.
 * @param args - the plugin's command-line arguments
 */
export function logToEngine(args: string[]): void {
  const address = engineAddressOf(args);
  if (!address) return;
  const engine = new engineRpc.EngineClient(address, grpc.credentials.createInsecure());
  const toStderr = (line: string) => process.stderr.write(`${line}\n`);
  setLogSink((line, severity) => {
    const request = new enginePb.LogRequest();
    request.setSeverity(SEVERITY[severity]);
    request.setMessage(engineText(line));
    engine.log(request, (error) => {
      if (error) toStderr(line);
    });
  });
}
