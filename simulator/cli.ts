#!/usr/bin/env node
// `npx certplane-simulator` / `npm run simulator`: starts the simulator, prints the CERTPLANE_*
// environment (dotenv), optionally writes it to a file, and runs until SIGINT or SIGTERM.
import * as fs from "node:fs";
import { formatDotenv } from "./core/dotenv";
import { CLI_USAGE, parseCliOptions } from "./cliOptions";
import { startSimulator } from "./index";

/**
 * Resolves with the first SIGINT or SIGTERM. Listening starts before anything is printed: a
 * supervisor that stops the simulator as soon as it reads the environment must get a clean stop,
 * not the default action of a signal nobody listens to yet (exit by signal, no exit code).
 */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve(signal));
  });
}

async function main(): Promise<void> {
  const stopSignal = firstStopSignal();
  const options = parseCliOptions(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(`${CLI_USAGE}\n`);
    process.exit(0);
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

  const signal = await stopSignal;
  process.stderr.write(`${signal}: stopping\n`);
  await sim.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `certplane-simulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
