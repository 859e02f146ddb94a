/**
 * Opens a PKCS#12 bundle with `openssl pkcs12 -info` (the reader Windows/Java/Azure bundles are
 * checked with): what it printed about the structure, and the certificates and key it yielded.
 */
import { spawnSync } from "node:child_process";
import { tempFile } from "./openssl";

/** What `openssl pkcs12 -info -noenc` made of a bundle. */
export interface OpenedPkcs12 {
  /** The MAC and bag descriptions (openssl writes them to stderr), then the PEM blocks. */
  info: string;
  /** The CERTIFICATE blocks, in bundle order. */
  certificates: string[];
  /** The decrypted key (PKCS#8 PEM), if any. */
  privateKeyPem?: string;
}

/**
 * Runs `openssl pkcs12 -info -noenc` on `pfx` with `password` (passed through the environment, so
 * any non-NUL text works); throws with openssl's message when it refuses the bundle.
 */
export function openPkcs12(pfx: Buffer, password: string): OpenedPkcs12 {
  const file = tempFile("bundle.p12", pfx);
  const run = spawnSync(
    "openssl",
    ["pkcs12", "-in", file, "-passin", "env:CERTPLANE_TEST_PFX_PASSWORD", "-noenc", "-info"],
    { encoding: "utf8", env: { ...process.env, CERTPLANE_TEST_PFX_PASSWORD: password } },
  );
  if (run.status !== 0) throw new Error(`openssl pkcs12 failed: ${run.stderr}`);
  const info = `${run.stderr}${run.stdout}`;
  const certificates = info.match(
    /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g,
  );
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/.exec(info);
  return { info, certificates: certificates ?? [], privateKeyPem: key?.[0] };
}
