/**
 * openssl's print of a certificate's or CSR's subject in certplane's output form (see
 * provider/core/distinguishedName.ts), the oracle of the subject specs.
 */
import { spawnSync } from "node:child_process";
import { tempFile } from "./openssl";

/** The `-nameopt` that makes openssl print names as certplane does. */
export const CERTPLANE_NAMEOPT =
  "esc_2253,esc_ctrl,utf8,dump_nostr,dump_unknown,dump_der,sep_comma_plus_space,sname";

/** `openssl <x509|req> -subject` of `pem`; for `req` also `-verify`, which must pass. */
export function opensslSubject(kind: "x509" | "req", pem: string): string {
  const args = [kind, "-in", tempFile(`${kind}.pem`, pem), "-noout", "-subject"];
  if (kind === "req") args.push("-verify");
  const run = spawnSync("openssl", [...args, "-nameopt", CERTPLANE_NAMEOPT], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${run.stderr}`);
  if (kind === "req" && !/verify OK/.test(run.stderr + run.stdout)) {
    throw new Error(`openssl did not verify the CSR: ${run.stderr}`);
  }
  return /^subject=(.*)$/m.exec(run.stdout)?.[1] ?? "";
}

/**
 * certplane's print as openssl would show it: openssl leaves a value that is exactly "#" unescaped (its
 * last-character rule overrides its first-character one), where RFC 4514 requires `\#` — certplane
 * escapes it, so the comparison forgives that one difference.
 */
export function asOpensslPrints(certplanePrint: string): string {
  return certplanePrint.replace(/(^|, | \+ )([A-Za-z0-9.-]+)=\\#(?=$|, | \+ )/g, "$1$2=#");
}
