/**
 * Reads and writes stack state files: `<stateDir>/<project>/<stack>.json`. Every secret envelope is
 * encrypted on the way to disk and decrypted on the way back, so callers only ever see plaintext
 * envelopes and the file never holds a secret in clear.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SecretsCipher } from "./secretsCipher";
import { emptyStackState, type ResourceState, type StackState } from "./stackState";
import { SIGNATURE_KEY, mapSecrets, type WireObject, type WireValue } from "./wire";

/** Loads and saves the state of the stacks kept in one state folder. */
export class StateStore {
  private cipherInstance: SecretsCipher | undefined;

  constructor(readonly stateDir: string) {}

  /** The state file of `project`/`stack`. */
  fileOf(project: string, stack: string): string {
    return path.join(this.stateDir, project, `${stack}.json`);
  }

  /** True when `project`/`stack` has a state file. */
  exists(project: string, stack: string): boolean {
    return fs.existsSync(this.fileOf(project, stack));
  }

  /** The decrypted state of `project`/`stack`; an empty state when the stack has none yet. */
  load(project: string, stack: string): StackState {
    const file = this.fileOf(project, stack);
    if (!fs.existsSync(file)) return emptyStackState(project, stack);
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as StackState;
    if (stored.version !== 1) {
      throw new Error(`State file ${file} has version ${stored.version}; this runner reads 1.`);
    }
    return this.transform(stored, (envelope) => this.decryptEnvelope(envelope));
  }

  /** Writes `state` atomically (temporary file + rename), encrypting every secret. */
  save(state: StackState): string {
    const file = this.fileOf(state.project, state.stack);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const stored = this.transform(state, (envelope) => this.encryptEnvelope(envelope));
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(stored, null, 2) + "\n");
    fs.renameSync(temporary, file);
    return file;
  }

  private get cipher(): SecretsCipher {
    // Created lazily so that reading a missing stack never creates a key file.
    this.cipherInstance ??= SecretsCipher.forStateDir(this.stateDir);
    return this.cipherInstance;
  }

  private encryptEnvelope(envelope: WireObject): WireValue {
    if (!("value" in envelope)) return envelope;
    const ciphertext = this.cipher.encrypt(JSON.stringify(envelope.value));
    return { [SIGNATURE_KEY]: envelope[SIGNATURE_KEY], ciphertext };
  }

  private decryptEnvelope(envelope: WireObject): WireValue {
    if (typeof envelope.ciphertext !== "string") return envelope;
    const value = JSON.parse(this.cipher.decrypt(envelope.ciphertext)) as WireValue;
    return { [SIGNATURE_KEY]: envelope[SIGNATURE_KEY], value };
  }

  private transform(state: StackState, change: (envelope: WireObject) => WireValue): StackState {
    const map = (value: WireObject) => mapSecrets(value, change) as WireObject;
    const resources = state.resources.map((resource): ResourceState => ({
      ...resource,
      inputs: map(resource.inputs),
      outputs: map(resource.outputs),
    }));
    return { ...state, outputs: map(state.outputs), resources };
  }
}
