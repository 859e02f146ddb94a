/**
 * Three stacks on one file backend, as the report's engine spec and its fixture recorder both need
 * them, each brought up by the real Pulumi CLI with the simulator's and the provider's clocks moved:
 *
 * - `dynamic` (tests/report/fixtures/fleetDynamic, TypeScript, the dynamic door), up 85 days ago:
 *   its 90-day PCA certificate is 5 days from expiry, inside its 10-day renewal window; its 30-day
 *   one expired 55 days ago; its 365-day NetFoundry certificate is far from expiry;
 * - `plugin` (fleetPlugin, YAML, the native plugin), up now: a 90-day PCA certificate and a
 *   NetFoundry one;
 * - `mixed` (fleetMixed, TypeScript), up now: a 90-day PAT, a 24-hour PCA certificate imported into
 *   the Oracle SBC and a 7-day AppViewX SSH certificate renewed a day early. Now (and not in the past:
 *   the simulated AppViewX refuses a client certificate that is not yet valid at its clock).
 */
import * as path from "node:path";
import type { Simulator } from "../../../simulator";
import { CliStack } from "../../../tools/devkit/cliStack";
import { requirePulumiCli } from "../../engine/support/engine";
import { YamlStack } from "../../engine/support/yamlStack";
import { REPO_ROOT } from "../../support/packageLink";

const FIXTURES = path.join(REPO_ROOT, "tests", "report", "fixtures");
const DAY_S = 86_400;

/** How many days before now each stack was brought up. */
export const FLEET_UP_DAYS_AGO = { dynamic: 85, plugin: 0, mixed: 0 } as const;

/** The stacks, by role, with their qualified names on the backend. */
export interface Fleet {
  dynamic: CliStack;
  plugin: YamlStack;
  mixed: CliStack;
  /** The backend's environment (PULUMI_BACKEND_URL, PULUMI_HOME, passphrase, no plugin downloads). */
  env: Record<string, string>;
  names: { dynamic: string; plugin: string; mixed: string };
  close(): Promise<void>;
}

/** Runs `body` with the simulator's clock moved `days` into the past, passing the provider's. */
async function daysAgo<T>(
  sim: Simulator,
  days: number,
  body: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const offset = -days * DAY_S;
  sim.setClockOffset(offset);
  try {
    return await body({ CERTPLANE_CLOCK_OFFSET_SECONDS: String(offset) });
  } finally {
    sim.setClockOffset(0);
  }
}

/** Brings the three stacks up on `stateRoot`'s backend (minutes: three `pulumi up`s). */
export async function bringUpFleet(sim: Simulator, stateRoot: string): Promise<Fleet> {
  const cli = requirePulumiCli();
  const dynamic = new CliStack({
    program: path.join(FIXTURES, "fleetDynamic", "index.ts"),
    stackName: "dynamic",
    stateRoot,
    cli,
    env: sim.env,
  });
  const mixed = new CliStack({
    program: path.join(FIXTURES, "fleetMixed", "index.ts"),
    stackName: "mixed",
    stateRoot,
    cli,
    env: sim.env,
  });
  const plugin = new YamlStack(path.join(FIXTURES, "fleetPlugin"), stateRoot, sim.env);
  await plugin.init();
  await daysAgo(sim, FLEET_UP_DAYS_AGO.dynamic, (env) => dynamic.up({ env }));
  await mixed.up();
  await plugin.up();
  const env = { ...dynamic.env };
  delete env.NODE_PATH;
  for (const name of Object.keys(sim.env)) delete env[name];
  return {
    dynamic,
    plugin,
    mixed,
    env,
    names: {
      dynamic: dynamic.qualifiedName,
      plugin: "organization/report-fleet-plugin/dev",
      mixed: mixed.qualifiedName,
    },
    close: async () => {
      await dynamic.close();
      await mixed.close();
    },
  };
}
