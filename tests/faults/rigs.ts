/**
 * One rig per vendor: the fixture program that makes the vendor's requests, the simulator vendors it
 * needs, where its connection settings live, and how to list what exists at the vendor so the
 * harness can compare it with the runner's state (an orphan is a vendor object no state knows).
 */
import type { Simulator, SimulatorInventory } from "../../simulator";
import type { Step } from "./operations";

/** A vendor rig. */
export interface Rig {
  /** Also the key of its rows in OPERATIONS and the name `FAULT_RIGS` selects it by. */
  name: string;
  vendors: string[];
  /** The fixture program, tests/fixtures/faults/<program>.ts. */
  program: string;
  /** How its rows are labelled; @defaultValue the operation's vendor */
  rowLabel?: string;
  /** `CERTPLANE_<PREFIX>_*` connection variables. */
  envPrefix: string;
  /** The variable holding the credential the expired-token column replaces. */
  credentialEnv?: string;
  /** State type suffix of the resource whose ids are the vendor objects. */
  resourceType?: string;
  /** Ids of the vendor objects that exist (undefined: the vendor keeps nothing deletable). */
  owned?: (inventory: SimulatorInventory) => string[];
  /** Connection settings for every run (bounds that keep a failing cell short, other credentials). */
  env?: (sim: Simulator) => Record<string, string>;
  /**
   * Settings a step needs whether or not a fault is armed (kept for its healing run); a function
   * is asked again for every run of the step.
   */
  stepEnv?: Partial<Record<Step, Record<string, string> | (() => Record<string, string>)>>;
  /** Puts the simulator in the rig's mode before the first cell. */
  setup?: (sim: Simulator) => Promise<unknown>;
  /** Who holds the configuration lock (Oracle SBC), or null. */
  lockHolder?: (inventory: SimulatorInventory) => unknown;
}

type Rows = Record<string, unknown>[];

/** Oracle SBC: records signed by PCA, under the device's configuration lock. */
const ORACLESBC_RIG: Rig = {
  name: "oraclesbc",
  vendors: ["pca", "oraclesbc"],
  program: "oraclesbc",
  envPrefix: "ORACLESBC",
  resourceType: ":OracleSbcCertificateRecord",
  owned: (inventory) =>
    (inventory.vendors.oraclesbc.records as Rows).map((record) => String(record.name)),
  lockHolder: (inventory) => inventory.vendors.oraclesbc.lockHolder,
  // A lock left held would otherwise be waited for 11 minutes per cell before failing.
  env: () => ({ CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20" }),
};

export const RIGS: Rig[] = [
  {
    name: "pca",
    vendors: ["pca", "zitadel"],
    program: "pca",
    envPrefix: "PCA",
    credentialEnv: "CERTPLANE_PCA_TOKEN",
    // PCA documents no list, lookup or revoke: a signed certificate cannot be orphaned or removed.
  },
  {
    name: "zitadel",
    vendors: ["pca", "zitadel"],
    program: "zitadel",
    envPrefix: "ZITADEL",
    credentialEnv: "CERTPLANE_ZITADEL_TOKEN",
    resourceType: ":PcaPersonalAccessToken",
    owned: (inventory) => (inventory.vendors.zitadel.pats as Rows).map((pat) => String(pat.id)),
    // Inside the renewal window of the PAT the stack holds: the fixture's PAT lives 2160 hours from
    // its create and is renewed 24 h early, so each rotation runs 2148 hours after the one before
    // (12 h into the window of the PAT that one made; any PAT made at the real time is older).
    stepEnv: { rotate: laterEachRun(2148 * 3600) },
  },
  {
    name: "netfoundry",
    vendors: ["netfoundry"],
    program: "netfoundry",
    envPrefix: "NETFOUNDRY",
    credentialEnv: "CERTPLANE_NETFOUNDRY_TOKEN",
    resourceType: ":NetFoundryClientCertificate",
    owned: (inventory) =>
      (inventory.vendors.netfoundry.certificates as Rows).map((record) => String(record.id)),
  },
  {
    name: "netfoundry-oauth",
    vendors: ["netfoundry"],
    program: "netfoundry",
    envPrefix: "NETFOUNDRY",
    credentialEnv: "CERTPLANE_NETFOUNDRY_CLIENT_SECRET",
    resourceType: ":NetFoundryClientCertificate",
    owned: (inventory) =>
      (inventory.vendors.netfoundry.certificates as Rows).map((record) => String(record.id)),
    // OAuth client credentials instead of the ready token: every run asks the token endpoint first.
    env: (sim) => ({
      CERTPLANE_NETFOUNDRY_TOKEN: "",
      CERTPLANE_NETFOUNDRY_CLIENT_ID: sim.credentials.netfoundry.clientId,
      CERTPLANE_NETFOUNDRY_CLIENT_SECRET: sim.credentials.netfoundry.clientSecret,
      CERTPLANE_NETFOUNDRY_TOKEN_URL: `${sim.urls.netfoundry}/oauth/token`,
    }),
  },
  {
    name: "appviewx",
    vendors: ["appviewx"],
    program: "appviewx",
    envPrefix: "APPVIEWX",
    credentialEnv: "CERTPLANE_APPVIEWX_REVOCATION_PASSWORD",
    resourceType: ":AppViewXSshCertificate",
    // A revoked certificate is gone for every purpose; an active one must be in state.
    owned: (inventory) =>
      (inventory.vendors.appviewx.certificates as Rows)
        .filter((record) => record.status === "Active")
        .map((record) => String(record.serialNumber)),
  },
  ORACLESBC_RIG,
  // The same device answering save, verify and activate synchronously (200, no asyncstatus job).
  {
    ...ORACLESBC_RIG,
    name: "oraclesbc-sync",
    rowLabel: "oraclesbc sync",
    setup: (sim) =>
      sim.action("oraclesbc", "configure", { synchronousActions: ["save", "verify", "activate"] }),
  },
];

/** A provider clock `stepSeconds` further ahead at every call (each run of a renewal step). */
function laterEachRun(stepSeconds: number): () => Record<string, string> {
  let runs = 0;
  return () => ({ CERTPLANE_CLOCK_OFFSET_SECONDS: String(++runs * stepSeconds) });
}
