/**
 * Where OpenSSL's PKCS#11 engine (libp11's `pkcs11.so`, Debian package
 * `libengine-pkcs11-openssl`) is, for a TLS handshake whose client key stays in a token
 * (./tokenTls.ts).
 *
 * `CERTPLANE_PKCS11_ENGINE` names it outright (another distribution, a private build); otherwise
 * the places distributions install it for this machine's architecture, then the engines directory
 * the system's `openssl version -e` reports. Node's bundled OpenSSL 3 loads an engine built for
 * OpenSSL 3 (`engines-3`), so only those directories are looked at.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CertplaneError } from "../core/errors";

/** The environment variable that names the engine's path outright. */
export const PKCS11_ENGINE_ENV = "CERTPLANE_PKCS11_ENGINE";
/** The Debian/Ubuntu package that installs the engine. */
export const PKCS11_ENGINE_PACKAGE = "libengine-pkcs11-openssl";

/** Debian's multiarch triplet of each Node architecture (where Debian puts `engines-3`). */
const MULTIARCH: Partial<Record<NodeJS.Architecture, string>> = {
  x64: "x86_64-linux-gnu",
  arm64: "aarch64-linux-gnu",
  arm: "arm-linux-gnueabihf",
  ia32: "i386-linux-gnu",
  ppc64: "powerpc64le-linux-gnu",
  s390x: "s390x-linux-gnu",
};

/** The system OpenSSL's engines directory (`ENGINESDIR: "…"`), or undefined without one. */
function systemEnginesDir(): string | undefined {
  try {
    const printed = execFileSync("openssl", ["version", "-e"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    });
    return /ENGINESDIR:\s*"([^"]+)"/.exec(printed)?.[1];
  } catch {
    return undefined;
  }
}

/** The places distributions install the engine, for this architecture. */
function packagedPlaces(): string[] {
  const triplet = MULTIARCH[process.arch];
  return [
    ...(triplet ? [`/usr/lib/${triplet}/engines-3/pkcs11.so`] : []),
    "/usr/lib64/engines-3/pkcs11.so",
    "/usr/lib/engines-3/pkcs11.so",
  ];
}

/**
 * The engine's path: `CERTPLANE_PKCS11_ENGINE` when set, else the first packaged place that
 * exists, else `pkcs11.so` in the system OpenSSL's engines directory (asked only then); or an error
 * naming the places looked at, the package to install and the variable to set.
 */
export function pkcs11EnginePath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[PKCS11_ENGINE_ENV];
  const overridden = override !== undefined && override !== "";
  const candidates = overridden ? [override] : packagedPlaces();
  let found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found === undefined && !overridden) {
    const reported = systemEnginesDir();
    const place = reported === undefined ? undefined : path.join(reported, "pkcs11.so");
    if (place !== undefined && !candidates.includes(place)) {
      candidates.push(place);
      if (fs.existsSync(place)) found = place;
    }
  }
  if (found !== undefined) return found;
  throw new CertplaneError(
    "Validating over mTLS with a key in a PKCS#11 token needs OpenSSL's PKCS#11 engine " +
      `(pkcs11.so), which is not at ${candidates.map((c) => `"${c}"`).join(", ")}` +
      `${overridden ? ` (environment variable ${PKCS11_ENGINE_ENV})` : ""}. Install it ` +
      `(Debian/Ubuntu: \`apt-get install ${PKCS11_ENGINE_PACKAGE}\`), or set ${PKCS11_ENGINE_ENV} ` +
      "to the path of an engine built for OpenSSL 3. See docs/keys-in-hsm.md.",
  );
}
