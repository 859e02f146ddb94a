/**
 * The demo's state folder (`.tmp/demo-cli` or `.tmp/demo-state`): the stacks, the simulator's state
 * file beside them, and a marker saying which layout wrote them. A folder written by another
 * certplane (no marker, or another layout or simulator state version) is replaced with one line
 * saying so, never left to fail later with a vendor error (issue 29).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { STATE_FILE_VERSION } from "../simulator/core/persistence";

/** The marker's file name inside the state folder. */
export const MARKER_FILE = "demo-state.json";

/**
 * The layout of what the demo keeps in its folder. Bump it when the stacks or files the demo
 * leaves behind with `--keep` can no longer be read by the next run.
 */
export const DEMO_STATE_VERSION = 1;

/** What the marker holds. */
interface DemoStateMarker {
  format: "certplane-demo-state";
  version: number;
  simulatorStateVersion: number;
}

const CURRENT: DemoStateMarker = {
  format: "certplane-demo-state",
  version: DEMO_STATE_VERSION,
  simulatorStateVersion: STATE_FILE_VERSION,
};

/** Why the folder cannot be reused, or undefined when it can (or is empty). */
function staleReason(folder: string): string | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return undefined; // not there yet
  }
  if (entries.length === 0) return undefined;
  let marker: Partial<DemoStateMarker>;
  try {
    marker = JSON.parse(fs.readFileSync(path.join(folder, MARKER_FILE), "utf8")) as object;
  } catch {
    return "it has no demo state marker";
  }
  if (marker.format !== CURRENT.format) return "its marker is not a certplane demo marker";
  if (
    marker.version !== CURRENT.version ||
    marker.simulatorStateVersion !== CURRENT.simulatorStateVersion
  ) {
    return `its layout is ${String(marker.version)} with simulator state ${String(marker.simulatorStateVersion)}; this demo writes ${CURRENT.version} with ${CURRENT.simulatorStateVersion}`;
  }
  return undefined;
}

/**
 * Makes `folder` ready for this demo: an older one is deleted (printing one line), then the marker
 * is written. Its stacks and simulator state live only here, so nothing elsewhere is orphaned.
 * @param shown - the folder as printed (relative to the repository)
 */
export function prepareStateFolder(
  folder: string,
  shown: string,
  print: (line: string) => void,
): void {
  const reason = staleReason(folder);
  if (reason) {
    print(`demo: ${shown} was written by another certplane (${reason}); starting afresh.`);
    fs.rmSync(folder, { recursive: true, force: true });
  }
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, MARKER_FILE), `${JSON.stringify(CURRENT, null, 2)}\n`);
}
