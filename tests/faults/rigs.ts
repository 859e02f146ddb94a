/**
 * One rig per vendor: the fixture program that makes the vendor's requests, the simulator vendors it
 * needs, where its connection settings live, and how to list what exists at the vendor so the
 * harness can compare it with the runner's state (an orphan is a vendor object no state knows).
 */
import * as path from "node:path";
import type { SimulatorInventory } from "../../simulator";
import { REPO_ROOT } from "../helpers/packageLink";

/** A vendor rig. */
export interface Rig {
  name: string;
  vendors: string[];
  program: string;
  /** `CERTPLANE_<PREFIX>_*` connection variables. */
  envPrefix: string;
  /** The variable holding the credential the expired-token column replaces. */
  credentialEnv?: string;
  /** State type suffix of the resource whose ids are the vendor objects. */
  resourceType?: string;
  /** Ids of the vendor objects that exist (undefined: the vendor keeps nothing deletable). */
  owned?: (inventory: SimulatorInventory) => string[];
  /** Connection settings for every run (bounds that keep a failing cell short). */
  env?: Record<string, string>;
  /** Who holds the configuration lock (Oracle SBC), or null. */
  lockHolder?: (inventory: SimulatorInventory) => unknown;
}

const program = (name: string) => path.join(REPO_ROOT, "tests", "fixtures", "faults", `${name}.ts`);
type Rows = Record<string, unknown>[];

export const RIGS: Rig[] = [
  {
    name: "pca",
    vendors: ["pca", "zitadel"],
    program: program("pca"),
    envPrefix: "PCA",
    credentialEnv: "CERTPLANE_PCA_TOKEN",
    // PCA documents no list, lookup or revoke: a signed certificate cannot be orphaned or removed.
  },
  {
    name: "zitadel",
    vendors: ["pca", "zitadel"],
    program: program("zitadel"),
    envPrefix: "ZITADEL",
    credentialEnv: "CERTPLANE_ZITADEL_TOKEN",
    resourceType: ":PcaPersonalAccessToken",
    owned: (inventory) => (inventory.vendors.zitadel.pats as Rows).map((pat) => String(pat.id)),
  },
  {
    name: "netfoundry",
    vendors: ["netfoundry"],
    program: program("netfoundry"),
    envPrefix: "NETFOUNDRY",
    credentialEnv: "CERTPLANE_NETFOUNDRY_TOKEN",
    resourceType: ":NetFoundryClientCertificate",
    owned: (inventory) =>
      (inventory.vendors.netfoundry.certificates as Rows).map((record) => String(record.id)),
  },
  {
    name: "appviewx",
    vendors: ["appviewx"],
    program: program("appviewx"),
    envPrefix: "APPVIEWX",
    credentialEnv: "CERTPLANE_APPVIEWX_REVOCATION_PASSWORD",
    resourceType: ":AppViewXSshCertificate",
    // A revoked certificate is gone for every purpose; an active one must be in state.
    owned: (inventory) =>
      (inventory.vendors.appviewx.certificates as Rows)
        .filter((record) => record.status === "Active")
        .map((record) => String(record.serialNumber)),
  },
  {
    name: "oraclesbc",
    vendors: ["pca", "oraclesbc"],
    program: program("oraclesbc"),
    envPrefix: "ORACLESBC",
    resourceType: ":OracleSbcCertificateRecord",
    owned: (inventory) =>
      (inventory.vendors.oraclesbc.records as Rows).map((record) => String(record.name)),
    lockHolder: (inventory) => inventory.vendors.oraclesbc.lockHolder,
    // A lock left held would otherwise be waited for 11 minutes per cell before failing.
    env: { CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20" },
  },
];
