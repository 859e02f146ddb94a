#!/usr/bin/env node
// `npx certplane-simulator` / `npm run simulator`: starts the simulator, prints the CERTPLANE_*
// environment (dotenv), optionally writes it to a file, and runs until SIGINT or SIGTERM.
import * as fs from "node:fs";
import { formatDotenv } from "./core/dotenv";
import { CLI_USAGE, parseCliOptions } from "./cliOptions";
import { startSimulator } from "./index";

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  const sim = await startSimulator({
    host: options.host,
    portBase: options.portBase,
    statePath: options.state,
    vendors: options.vendors,
    log: options.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  const dotenv = formatDotenv(sim.env, [
    "certplane simulator: source this file (set -a; . FILE; set +a) or pass it to your CI job.",
    `control API: ${sim.env.CERTPLANE_SIMULATOR_CONTROL_URL}`,
  ]);
  if (options.writeEnv) fs.writeFileSync(options.writeEnv, dotenv, { mode: 0o600 });
  process.stdout.write(dotenv);
  process.stderr.write("certplane simulator running; Ctrl-C (SIGINT) or SIGTERM stops it.\n");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `certplane-simulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
