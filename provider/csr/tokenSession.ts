/**
 * A logged-in session on a PKCS#11 token, through graphene-pk11 (over the native addon pkcs11js).
 *
 * graphene-pk11 is an optional peer dependency, loaded only when a resource asks for a token, so a
 * user who never does needs no native addon. A PKCS#11 library may be initialised once per process,
 * and its login state is shared by every session of the process (one session's logout logs out the
 * others): so the operations of one provider process on one library run one after the other, each
 * initialising the library, logging in, working, logging out and finalising. They take milliseconds
 * (an RSA-4096 key about a second), and a fresh initialisation also sees what other processes changed
 * in the token.
 *
 * Errors name the token, the library and where each setting came from, and say what to check; the
 * PIN is never part of any message (it is also registered for redaction when it is resolved).
 */
import type * as graphene from "graphene-pk11";
import { CertplaneError } from "../core/errors";
import type { Pkcs11Settings } from "./pkcs11Settings";
import { LOGIN_REFUSALS } from "./loginRefusals";

/** A token session, open and logged in as the user. */
export interface TokenSession {
  readonly session: graphene.Session;
  readonly graphene: typeof graphene;
  /** The token's serial number, as the token reports it (trimmed). */
  readonly tokenSerial: string;
}

/** The tail of each library's queue of operations (by library path). */
const queues = new Map<string, Promise<unknown>>();

/** graphene-pk11, or a clear error saying how to install it. */
function grapheneLibrary(): typeof graphene {
  try {
    return require("graphene-pk11") as typeof graphene;
  } catch (err) {
    throw new CertplaneError(
      "Keys in a PKCS#11 token need the optional package graphene-pk11 and its native addon " +
        `pkcs11js, which could not be loaded (${(err as Error).message.split("\n")[0]}). Install ` +
        "them beside pulumi-certplane (`npm install graphene-pk11`), allowing pkcs11js's install " +
        "script to build the addon (`npm install-scripts approve pkcs11js`, then `npm rebuild " +
        "pkcs11js`; a C++ compiler, make and Python are needed). See docs/keys-in-hsm.md.",
    );
  }
}

function loadModule(lib: typeof graphene, settings: Pkcs11Settings): graphene.Module {
  let module: graphene.Module;
  try {
    module = lib.Module.load(settings.module);
    module.initialize();
  } catch (err) {
    throw new CertplaneError(
      `The PKCS#11 library "${settings.module}" (pkcs11.module, from ${settings.sources.module}) ` +
        `could not be loaded for token "${settings.tokenLabel}": ${(err as Error).message}. Check ` +
        "that the path names the token's PKCS#11 library (.so/.dylib/.dll, e.g. " +
        "/usr/lib/softhsm/libsofthsm2.so for SoftHSM2) and that it is readable by the user running " +
        "Pulumi.",
    );
  }
  return module;
}

/**
 * Runs `work` in a read-write session on the token labelled `settings.tokenLabel`, logged in with
 * the user PIN, after every earlier operation of this process on the same library has finished;
 * always logs out, closes the session and finalises the library.
 */
export async function withTokenSession<T>(
  settings: Pkcs11Settings,
  work: (token: TokenSession) => Promise<T> | T,
): Promise<T> {
  const lib = grapheneLibrary();
  const previous = queues.get(settings.module) ?? Promise.resolve();
  const run = previous.then(
    () => inSession(lib, settings, work),
    () => inSession(lib, settings, work),
  );
  // The queue only orders operations; each caller sees its own outcome.
  const tail = run.catch(() => undefined);
  queues.set(settings.module, tail);
  void tail.then(() => {
    if (queues.get(settings.module) === tail) queues.delete(settings.module);
  });
  return run;
}

async function inSession<T>(
  lib: typeof graphene,
  settings: Pkcs11Settings,
  work: (token: TokenSession) => Promise<T> | T,
): Promise<T> {
  const module = loadModule(lib, settings);
  let session: graphene.Session | undefined;
  try {
    const slot = findSlot(module, settings);
    const tokenSerial = slot.getToken().serialNumber.trim();
    session = slot.open(lib.SessionFlag.SERIAL_SESSION | lib.SessionFlag.RW_SESSION);
    login(lib, session, settings);
    return await work({ session, graphene: lib, tokenSerial });
  } finally {
    if (session) {
      try {
        session.logout();
      } catch {
        // Not logged in (login failed) or already logged out: closing is what matters.
      }
      session.close();
    }
    try {
      module.finalize();
    } catch {
      // Nothing more to release; a failing finalize must not hide the operation's own outcome.
    }
  }
}

function findSlot(module: graphene.Module, settings: Pkcs11Settings): graphene.Slot {
  const slots = module.getSlots(true);
  const labels: string[] = [];
  for (let i = 0; i < slots.length; i++) {
    const slot = slots.items(i);
    const label = slot.getToken().label.trim();
    if (label === settings.tokenLabel) return slot;
    if (label !== "") labels.push(`"${label}"`);
  }
  throw new CertplaneError(
    `No token labelled "${settings.tokenLabel}" (pkcs11.tokenLabel, from ${settings.sources.tokenLabel}) ` +
      `in the PKCS#11 library "${settings.module}"; tokens present: ` +
      `${labels.length > 0 ? labels.join(", ") : "none (no initialised token)"}. Check the label ` +
      "(`pkcs11-tool --module <library> --list-slots`), that the token is plugged in and initialised " +
      "(SoftHSM2: `softhsm2-util --init-token --free --label <label>`), and for SoftHSM2 that " +
      "SOFTHSM2_CONF names the configuration whose tokendir holds it.",
  );
}

function login(lib: typeof graphene, session: graphene.Session, settings: Pkcs11Settings): void {
  try {
    session.login(settings.pin, lib.UserType.USER);
  } catch (err) {
    const code = pkcs11Code(err);
    if (code === "CKR_USER_ALREADY_LOGGED_IN") return;
    const what = code && LOGIN_REFUSALS[code];
    throw new CertplaneError(
      `Login to PKCS#11 token "${settings.tokenLabel}" (library "${settings.module}") was refused ` +
        `(${code ?? "unknown error"}) with the PIN from ${settings.sources.pin}: ` +
        `${what ?? "check pkcs11.pin and the token's state"}.`,
    );
  }
}

/** The `CKR_…` name of a PKCS#11 failure (pkcs11js puts it first in the message), if any. */
export function pkcs11Code(err: unknown): string | undefined {
  const message = err instanceof Error ? err.message : String(err);
  return /\b(CKR_[A-Z_]+)\b/.exec(message)?.[1];
}
