/**
 * A self-signed certificate with exact validity dates, made synchronously by the openssl CLI
 * (`openssl ca -selfsign -startdate -enddate`: `req -x509` of OpenSSL 3.0 cannot set notBefore),
 * for specs whose messages name notBefore/notAfter against a fixed provider clock.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openssl } from "./openssl";

/** `2030-01-01T00:00:00Z` → `20300101000000Z`, the form `openssl ca` takes. */
function asn1Time(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:T]|\.\d+/g, "");
}

/**
 * A P-256 self-signed certificate for `CN=<commonName>` valid from `notBefore` to `notAfter`
 * (RFC 3339, whole seconds).
 */
export function datedCertificate(commonName: string, notBefore: string, notAfter: string): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-dated-"));
  const key = path.join(work, "key.pem");
  const csr = path.join(work, "req.csr");
  const cert = path.join(work, "cert.pem");
  const config = path.join(work, "ca.cnf");
  fs.mkdirSync(path.join(work, "certs"));
  fs.writeFileSync(path.join(work, "index.txt"), "");
  fs.writeFileSync(
    config,
    [
      "[ca]",
      "default_ca = dated",
      "[dated]",
      `database = ${path.join(work, "index.txt")}`,
      `new_certs_dir = ${path.join(work, "certs")}`,
      "rand_serial = yes",
      "default_md = sha256",
      "policy = any",
      "unique_subject = no",
      "[any]",
      "commonName = supplied",
      "",
    ].join("\n"),
  );
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key]);
  openssl(["req", "-new", "-key", key, "-subj", `/CN=${commonName}`, "-out", csr]);
  openssl([
    ...["ca", "-batch", "-selfsign", "-config", config, "-keyfile", key, "-in", csr],
    ...["-startdate", asn1Time(notBefore), "-enddate", asn1Time(notAfter), "-notext"],
    ...["-out", cert],
  ]);
  return fs.readFileSync(cert, "utf8");
}
