// JSON persistence (`--state FILE`): the root CA, the clock offset and every vendor's snapshot.
// Writes are atomic (temp file + rename) and private (mode 0600: the file holds keys and tokens).
import { promises as fs } from "node:fs";
import { dirname } from "node:path";
import type { CertificateAuthoritySnapshot } from "./certificateAuthority";
import { isJsonObject, type JsonValue } from "./json";

/** Marker in every state file, so a wrong file is refused with a clear message. */
export const STATE_FILE_FORMAT = "certplane-simulator-state";

/**
 * Current state file version. 2: AppViewX saves the mTLS client CA that issued the saved client
 * certificate. Version 1 has the same layout and is still read, but a version 1 file saved after a
 * restart paired that certificate with a CA that did not issue it (issue 29): such a file is
 * refused when the AppViewX module restores it.
 */
export const STATE_FILE_VERSION = 2;

/** The versions {@link readStateFile} reads (the layout did not change from 1 to 2). */
const READABLE_VERSIONS: readonly unknown[] = [1, STATE_FILE_VERSION];

/** A state file that a different certplane wrote (another format version): start afresh. */
export class StateFileVersionError extends Error {
  constructor(
    readonly path: string,
    readonly foundVersion: unknown,
  ) {
    super(
      `state file ${path} is a ${STATE_FILE_FORMAT} version ${JSON.stringify(foundVersion)} file, written by another certplane; this one reads versions ${READABLE_VERSIONS.join(" and ")}. Delete it (the simulator then starts afresh) or pass another --state`,
    );
    this.name = "StateFileVersionError";
  }
}

/** The state file's content. */
export interface SimulatorStateFile {
  /** Always {@link STATE_FILE_FORMAT}. */
  format: typeof STATE_FILE_FORMAT;
  /** Always {@link STATE_FILE_VERSION}. */
  version: typeof STATE_FILE_VERSION;
  /** When it was written (real time, ISO 8601). */
  savedAt: string;
  /** The simulator clock offset in seconds. */
  clockOffsetSeconds: number;
  /** The simulator root CA (signs the TLS server certificates). */
  ca: CertificateAuthoritySnapshot;
  /** Each vendor's snapshot by vendor name. */
  vendors: Record<string, JsonValue>;
}

/**
 * Reads a state file; undefined when the file does not exist yet.
 * @param path - the file
 * @throws StateFileVersionError when the file is a simulator state file of another version
 * @throws Error when the file exists but is not a simulator state file
 */
export async function readStateFile(path: string): Promise<SimulatorStateFile | undefined> {
  let content: string;
  try {
    content = await fs.readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new Error(
      `state file ${path} is not JSON (${(error as Error).message}); delete it or pass another --state`,
    );
  }
  if (!isJsonObject(parsed) || parsed.format !== STATE_FILE_FORMAT) {
    throw new Error(
      `state file ${path} is not a ${STATE_FILE_FORMAT} file; delete it or pass another --state`,
    );
  }
  if (!READABLE_VERSIONS.includes(parsed.version)) {
    throw new StateFileVersionError(path, parsed.version);
  }
  return { ...parsed, version: STATE_FILE_VERSION } as unknown as SimulatorStateFile;
}

/**
 * Writes a state file atomically with mode 0600.
 * @param path - the file
 * @param state - the content
 */
export async function writeStateFile(path: string, state: SimulatorStateFile): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporary, path);
}

/**
 * Coalesces saves: `schedule()` after every change writes once shortly after a burst; `flush()`
 * writes now (on stop). Saves never overlap.
 */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  /**
   * @param save - writes the state
   * @param log - reports a failed background save
   * @param delayMs - coalescing window
   * @defaultValue delayMs 100
   */
  constructor(
    private readonly save: () => Promise<void>,
    private readonly log: (line: string) => void,
    private readonly delayMs = 100,
  ) {}

  /** Saves soon (coalesced). */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue().catch((error: Error) => this.log(`state save failed: ${error.message}`));
    }, this.delayMs);
  }

  /** Cancels a pending scheduled save and saves now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.enqueue();
  }

  private enqueue(): Promise<void> {
    this.running = this.running.catch(() => undefined).then(() => this.save());
    return this.running;
  }
}
