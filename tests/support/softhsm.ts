/**
 * A SoftHSM2 token for a test run, under .tmp/ (SOFTHSM2_CONF names a configuration whose tokendir
 * is there), and an inspector that reads the token with pkcs11js directly — not through certplane's
 * code — to prove what certplane put there.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pkcs11js from "pkcs11js";

/** Debian's SoftHSM2 library (package softhsm2). */
export const SOFTHSM2_MODULE = "/usr/lib/softhsm/libsofthsm2.so";

/** A token initialised for the run. */
export interface SoftHsmToken {
  module: string;
  tokenLabel: string;
  /** The user PIN: long enough that certplane's redaction would catch it, were it ever printed. */
  pin: string;
  /** The SOFTHSM2_CONF file. */
  conf: string;
  /** SOFTHSM2_CONF for a child process. */
  env: Record<string, string>;
}

/**
 * Initialises a fresh token under `.tmp/softhsm/<name>-<random>/` and points this process's
 * SOFTHSM2_CONF at it (the library reads it at each initialisation).
 */
export function initSoftHsmToken(name: string, root = process.cwd()): SoftHsmToken {
  const dir = path.join(root, ".tmp", "softhsm", `${name}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(path.join(dir, "tokens"), { recursive: true });
  const conf = path.join(dir, "softhsm2.conf");
  fs.writeFileSync(
    conf,
    `directories.tokendir = ${path.join(dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const token: SoftHsmToken = {
    module: SOFTHSM2_MODULE,
    tokenLabel: `certplane-${name}`,
    pin: `pin-${randomBytes(6).toString("hex")}`,
    conf,
    env: { SOFTHSM2_CONF: conf },
  };
  execFileSync(
    "softhsm2-util",
    [
      "--init-token",
      "--free",
      "--label",
      token.tokenLabel,
      "--so-pin",
      "so-pin-0000",
      "--pin",
      token.pin,
    ],
    { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: "pipe" },
  );
  process.env.SOFTHSM2_CONF = conf;
  return token;
}

/** Removes the token's folder. */
export function removeSoftHsmToken(token: SoftHsmToken): void {
  fs.rmSync(path.dirname(token.conf), { recursive: true, force: true });
}

/** What the token says about one private key object. */
export interface PrivateKeyFacts {
  label: string;
  idHex: string;
  token: boolean;
  private: boolean;
  sensitive: boolean;
  extractable: boolean;
  alwaysSensitive: boolean;
  neverExtractable: boolean;
  /** The PKCS#11 error C_GetAttributeValue(CKA_VALUE) gave (undefined if it gave the value). */
  valueRefusal?: string;
  /** The same for the RSA private exponent (RSA keys only). */
  privateExponentRefusal?: string;
}

/**
 * Every private key object in the token, read with pkcs11js in a logged-in session of its own. Call
 * it while certplane has no operation open on the token (one library initialisation per process).
 */
export function privateKeysInToken(token: SoftHsmToken): PrivateKeyFacts[] {
  const p11 = new pkcs11js.PKCS11();
  p11.load(token.module);
  p11.C_Initialize();
  try {
    const slot = p11
      .C_GetSlotList(true)
      .find((s) => p11.C_GetTokenInfo(s).label.trim() === token.tokenLabel);
    if (slot === undefined) throw new Error(`token ${token.tokenLabel} not found`);
    const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    p11.C_Login(session, pkcs11js.CKU_USER, token.pin);
    p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
    const handles: Buffer[] = [];
    for (let i = 0; i < 1000; i++) {
      const handle = p11.C_FindObjects(session);
      if (!handle) break;
      handles.push(handle);
    }
    p11.C_FindObjectsFinal(session);
    const facts = handles.map((handle) => keyFacts(p11, session, handle));
    p11.C_Logout(session);
    p11.C_CloseSession(session);
    return facts;
  } finally {
    p11.C_Finalize();
  }
}

function keyFacts(p11: pkcs11js.PKCS11, session: Buffer, handle: Buffer): PrivateKeyFacts {
  const attrs = p11.C_GetAttributeValue(session, handle, [
    { type: pkcs11js.CKA_LABEL },
    { type: pkcs11js.CKA_ID },
    { type: pkcs11js.CKA_TOKEN },
    { type: pkcs11js.CKA_PRIVATE },
    { type: pkcs11js.CKA_SENSITIVE },
    { type: pkcs11js.CKA_EXTRACTABLE },
    { type: pkcs11js.CKA_ALWAYS_SENSITIVE },
    { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
    { type: pkcs11js.CKA_KEY_TYPE },
  ]);
  const value = (i: number) => attrs[i].value as Buffer;
  const bool = (i: number) => value(i)[0] === 1;
  const keyType = value(8).readUInt32LE(0);
  return {
    label: value(0).toString("utf8"),
    idHex: value(1).toString("hex"),
    token: bool(2),
    private: bool(3),
    sensitive: bool(4),
    extractable: bool(5),
    alwaysSensitive: bool(6),
    neverExtractable: bool(7),
    valueRefusal: refusal(p11, session, handle, pkcs11js.CKA_VALUE),
    ...(keyType === pkcs11js.CKK_RSA
      ? { privateExponentRefusal: refusal(p11, session, handle, pkcs11js.CKA_PRIVATE_EXPONENT) }
      : {}),
  };
}

function refusal(
  p11: pkcs11js.PKCS11,
  session: Buffer,
  handle: Buffer,
  type: number,
): string | undefined {
  try {
    p11.C_GetAttributeValue(session, handle, [{ type }]);
    return undefined;
  } catch (err) {
    return /CKR_[A-Z_]+/.exec((err as Error).message)?.[0] ?? (err as Error).message;
  }
}

/**
 * Runs OpenSC's pkcs11-tool logged in to `token`, as an operator would, with `args` after the
 * login (e.g. `--keypairgen …` or `--delete-object …`).
 */
export function pkcs11Tool(token: SoftHsmToken, args: string[]): void {
  execFileSync(
    "pkcs11-tool",
    [
      "--module",
      token.module,
      "--token-label",
      token.tokenLabel,
      "--login",
      "--pin",
      token.pin,
      ...args,
    ],
    { env: { ...process.env, ...token.env }, stdio: "pipe" },
  );
}

/** Deletes a key pair out of band, as an operator would, with OpenSC's pkcs11-tool. */
export function deleteKeyWithPkcs11Tool(token: SoftHsmToken, idHex: string): void {
  for (const type of ["privkey", "pubkey"])
    pkcs11Tool(token, ["--delete-object", "--type", type, "--id", idHex]);
}
