/**
 * The README's main command, `npm run demo`, end to end (the built demo against examples/quickstart
 * through the lifecycle runner), and its pieces: flags, the issued table, output masking.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { issuedRows } from "../../demo/issued";
import { parseOptions } from "../../demo/options";
import { outputText, renderReport } from "../../demo/report";
import { renderTable } from "../../tools/devkit/table";
import { REPO_ROOT } from "../support/packageLink";

describe("demo", () => {
  describe("flags", () => {
    it("defaults to the CLI when pulumi is on PATH, else the runner, and destroys at the end", () => {
      assert.deepEqual(parseOptions([], true), { keep: false, engine: "cli" });
      assert.deepEqual(parseOptions([], false), { keep: false, engine: "runner" });
      assert.deepEqual(parseOptions(["--keep", "--engine", "runner"], true), {
        keep: true,
        engine: "runner",
      });
      assert.deepEqual(parseOptions(["--engine=cli"], false), { keep: false, engine: "cli" });
      assert.equal(parseOptions(["--help"], false), "help");
    });

    it("rejects an unknown flag and a bad engine, naming the value and what is allowed", () => {
      assert.throws(() => parseOptions(["--kep"], false), /^Error: unknown flag "--kep"\.\nusage:/);
      assert.throws(
        () => parseOptions(["--engine", "terraform"], false),
        /^Error: --engine must be "runner" or "cli"; got "terraform"\./,
      );
    });
  });

  describe("report", () => {
    it("renders a padded table", () => {
      assert.equal(
        renderTable(["a", "long header"], [["value", "x"]]),
        "a      long header\n-----  -----------\nvalue  x",
      );
    });

    it("lists certplane resources only, describing a CertificateRequest by subject and key", () => {
      const rows = issuedRows([
        { type: "tls:index/privateKey:PrivateKey", name: "key", outputs: {} },
        {
          type: "pulumi-nodejs:dynamic/certplane:CertificateRequest",
          name: "nso-user",
          outputs: {
            algorithm: "RSA",
            rsaBits: 2048,
            subject: { commonName: "nso-user", organization: "Example" },
            publicKeyFingerprintSha256: "SHA256:0123456789abcdefghijklmnop",
          },
        },
      ]);
      assert.deepEqual(rows, [
        {
          resource: "nso-user",
          kind: "CertificateRequest",
          vendor: "local",
          subject: "CN=nso-user, O=Example",
          identity: "RSA 2048 SHA256:0123456789abc…",
          notAfter: "-",
          validated: "-",
        },
      ]);
    });

    it("masks secret outputs and summarizes PEM blocks", () => {
      assert.equal(outputText("-----BEGIN PRIVATE KEY-----\nMII...", true), "[secret]");
      assert.equal(
        outputText("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", false),
        "CERTIFICATE PEM (59 bytes)",
      );
      const report = renderReport([], { key: "-----BEGIN PRIVATE KEY-----" }, ["key"]);
      assert.equal(report.includes("PRIVATE KEY"), false);
    });
  });

  const stateDir = path.join(REPO_ROOT, ".tmp", "demo-state");
  const demo = (...flags: string[]): string =>
    execFileSync(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "demo", "index.ts"), "--engine", "runner", ...flags],
      { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env } },
    );

  it("npm run demo: up, the issued table, a no-op second up, the consumer stack, destroy", function () {
    this.timeout(180_000);
    // A folder an earlier certplane left (issue 29: a version 1 simulator state, no marker) is
    // replaced with one line, never a vendor error.
    fs.rmSync(stateDir, { recursive: true, force: true });
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(
      path.join(stateDir, "simulator.json"),
      JSON.stringify({ format: "certplane-simulator-state", version: 1, vendors: {} }),
    );
    const output = demo();

    assert.match(
      output,
      /^demo: \.tmp\/demo-state was written by another certplane \(it has no demo state marker\); starting afresh\.\n/,
    );
    assert.match(output, /through the certplane lifecycle runner/);
    assert.match(output, /^nso-user +CertificateRequest +local +CN=nso-user +RSA 2048 SHA256:/m);
    assert.match(
      output,
      /^api-client +CertificateRequest +local +CN=api-client, O=Example Corp +ECDSA P256/m,
    );
    assert.match(output, /^nsoUserCsr +CERTIFICATE REQUEST PEM \(\d+ bytes\)$/m);
    assert.match(
      output,
      /^nso-user +PcaSignedCertificate +Cisco PCA +CN=nso-user, OU=tenant-admin, OU=tenant-contributor, OU=ug_all_data_access +serial [0-9A-F]{16}… +\d{4}-\d{2}-\d{2} +yes$/m,
    );
    assert.match(output, /against the embedded vendor simulator/);
    assert.match(output, /pulumi up \(again[^\n]*\n {2}13 same in /);
    assert.match(output, /^nsoUserPfx +\[secret\]$/m);
    assert.match(
      output,
      /^gnmi +PcaPersonalAccessToken +Cisco PCA \(Zitadel\) +user \d{18} +token id \d{18} +\d{4}-\d{2}-\d{2} +-$/m,
    );
    assert.match(output, /^gnmiToken +\[secret\]$/m);
    assert.match(
      output,
      /^deploy +AppViewXSshCertificate +AppViewX +User deploy +serial \d+ +\d{4}-\d{2}-\d{2} +-$/m,
    );
    assert.match(
      output,
      /^web1 +AppViewXSshCertificate +AppViewX +Host web1\.example\.com +serial \d+ +\d{4}-\d{2}-\d{2} +-$/m,
    );
    assert.match(
      output,
      /^nso-user +NetFoundryClientCertificate +NetFoundry +CN=nso-user[^\n]* as "nso-user" +serial [0-9A-F]{16}… +\d{4}-\d{2}-\d{2} +-$/m,
    );
    assert.match(
      output,
      /^api-client +NetFoundryClientCertificate +NetFoundry +O=Example Corp, CN=api-client as "api-client-prod" +serial [0-9A-F]{16}… +\d{4}-\d{2}-\d{2} +-$/m,
    );
    assert.match(
      output,
      /^sbc-tls +OracleSbcCertificateRecord +Oracle SBC +CN=sbc\.example\.com \(device key\) +record sbc-tls /m,
    );
    assert.match(
      output,
      /^sbc-tls +PcaSignedCertificate +Cisco PCA +CN=sbc\.example\.com +serial /m,
    );
    assert.match(
      output,
      /^sbc-tls +OracleSbcCertificateImport +Oracle SBC +imported into sbc-tls +[0-9A-F:]{23}… +\d{4}-\d{2}-\d{2}/m,
    );
    assert.match(output, /^sharesQuickstartKey +true$/m);
    assert.match(output, /^ {2}consumer: 2 delete in /m); // the CSR and the StackReference
    assert.match(output, /^ {2}quickstart: 13 delete in /m);
    assert.equal(output.includes("PRIVATE KEY"), false);
  });

  it("runs again and again in the same folder, with and without --keep between runs (issue 29)", function () {
    this.timeout(180_000);
    // The previous test left the folder as a plain run leaves it: the third run in a row failed with
    // AppViewX ERR-SSH-NB-459 before the fix.
    const kept = demo("--keep");
    assert.match(kept, /^ {2}13 create in /m);
    assert.match(kept, /^--keep: both stacks stay up/m);
    const afterKeep = demo();
    assert.match(afterKeep, /^pulumi up\n {2}13 same in /m);
    assert.match(afterKeep, /^ {2}quickstart: 13 delete in /m);
    const third = demo();
    assert.match(third, /^ {2}13 create in /m);
    assert.match(third, /^ {2}quickstart: 13 delete in /m);
    for (const output of [kept, afterKeep, third]) {
      assert.equal(output.includes("starting afresh"), false);
      assert.equal(output.includes("PRIVATE KEY"), false);
    }
  });
});
