/**
 * Where OpenSSL's PKCS#11 engine is found (provider/csr/pkcs11Engine.ts), and the OpenSSL
 * configuration the token handshake's child process starts with (provider/csr/tokenTls.ts).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { pkcs11EnginePath } from "../../provider/csr/pkcs11Engine";
import { opensslConfig } from "../../provider/csr/tokenTls";
import type { Pkcs11Settings } from "../../provider/csr/pkcs11Settings";

/** The engine as Debian installs it: `pkcs11.so` in the system OpenSSL's ENGINESDIR. */
function installedEngine(): string {
  const printed = execFileSync("openssl", ["version", "-e"], { encoding: "utf8" });
  const dir = /ENGINESDIR:\s*"([^"]+)"/.exec(printed)?.[1];
  assert.ok(dir, `openssl version -e printed no ENGINESDIR: ${printed}`);
  return path.join(dir, "pkcs11.so");
}

const settings: Pkcs11Settings = {
  module: "/usr/lib/softhsm/libsofthsm2.so",
  tokenLabel: "certplane",
  pin: "pin-0f9e8d7c6b5a",
  keyLabel: "nso-user-0a1b2c3d",
  existingKey: false,
  keepKeyOnDelete: false,
  sources: {
    module: "environment variable CERTPLANE_PKCS11_MODULE",
    tokenLabel: "environment variable CERTPLANE_PKCS11_TOKEN_LABEL",
    pin: "environment variable CERTPLANE_PKCS11_PIN",
    keyLabel: "resource argument pkcs11.keyLabel",
  },
};

describe("OpenSSL's PKCS#11 engine for a token key's TLS handshake", () => {
  it("is found where the distribution installed it (libengine-pkcs11-openssl)", () => {
    assert.equal(pkcs11EnginePath({}), installedEngine());
  });

  it("CERTPLANE_PKCS11_ENGINE names it outright", () => {
    const engine = installedEngine();
    assert.equal(pkcs11EnginePath({ CERTPLANE_PKCS11_ENGINE: engine }), engine);
  });

  it("a missing engine names the places looked at, the package and the variable", () => {
    assert.throws(() => pkcs11EnginePath({ CERTPLANE_PKCS11_ENGINE: "/opt/none/pkcs11.so" }), {
      message:
        "Validating over mTLS with a key in a PKCS#11 token needs OpenSSL's PKCS#11 engine " +
        '(pkcs11.so), which is not at "/opt/none/pkcs11.so" (environment variable ' +
        "CERTPLANE_PKCS11_ENGINE). Install it (Debian/Ubuntu: `apt-get install " +
        "libengine-pkcs11-openssl`), or set CERTPLANE_PKCS11_ENGINE to the path of an engine " +
        "built for OpenSSL 3. See docs/keys-in-hsm.md.",
    });
  });

  it("the child's configuration loads the engine with the token's library, and holds no PIN", () => {
    const text = opensslConfig("/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so", settings);
    assert.equal(
      text,
      [
        "nodejs_conf = certplane_init",
        "[certplane_init]",
        "engines = certplane_engines",
        "[certplane_engines]",
        "pkcs11 = certplane_pkcs11",
        "[certplane_pkcs11]",
        "engine_id = pkcs11",
        'dynamic_path = "/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so"',
        'MODULE_PATH = "/usr/lib/softhsm/libsofthsm2.so"',
        "init = 0",
        "",
      ].join("\n"),
    );
    assert.equal(text.includes(settings.pin), false);
  });

  it("a library path OpenSSL's configuration cannot hold is refused, naming pkcs11.module", () => {
    assert.throws(
      () => opensslConfig("/e/pkcs11.so", { ...settings, module: '/opt/"vendor"/lib.so' }),
      {
        message:
          "pkcs11.module (from environment variable CERTPLANE_PKCS11_MODULE) must be a path " +
          "without double quotes or line breaks to be handed to OpenSSL's PKCS#11 engine; got " +
          '"/opt/"vendor"/lib.so".',
      },
    );
  });
});
