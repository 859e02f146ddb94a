/**
 * No secret reaches `certplane report`'s outputs: given exports whose secret outputs hold plaintext
 * (as `pulumi stack export --show-secrets` writes them) and ciphertext (as the report reads them),
 * the table, JSON, Prometheus text and HTML page hold neither, nor any private key block. The
 * exports include the key-rotation fixture, whose `vault-key` keeps its `keyCreatedAt` secret: that
 * time, and the rotation instant it would give, appear nowhere (the row says the age is secret).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportJson, RECORDED_AT, ROLES, rotationExportJson } from "../report/support/fixtures";
import { runCertplane } from "../report/support/runCli";

const SIG = "4dabf18193072939515e22adb298388d";
const PLAINTEXT_KEY =
  "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgreportsecret\n-----END PRIVATE KEY-----\n";
const PLAINTEXT_TOKEN = "zitadel-pat-report-secret-0123456789";
/** A secret keyCreatedAt's plaintext, and what the report would derive from it (720 hours on). */
const PLAINTEXT_KEY_CREATED_AT = "2031-07-13T13:13:13Z";
const DERIVED_FROM_SECRET = [
  "2031-07-13T13:13:13Z",
  "2031-08-12T13:13:13Z",
  String(Date.parse("2031-07-13T13:13:13Z") / 1000),
  String(Date.parse("2031-08-12T13:13:13Z") / 1000),
];

describe("secrets: certplane report outputs", function () {
  this.timeout(120_000);

  it("prints no secret, plaintext or ciphertext, in any format", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-report-secrets-"));
    try {
      const ciphertexts: string[] = [];
      let keyAgeSecrets = 0;
      const exports = [
        ...ROLES.map((role) => ({ name: role, exported: exportJson(role) })),
        { name: "rotation", exported: rotationExportJson() },
      ];
      const files = exports.map(({ name: file, exported }) => {
        for (const resource of exported.deployment.resources) {
          for (const [name, value] of Object.entries(resource.outputs ?? {})) {
            if (typeof value !== "object" || value === null || !(SIG in value)) continue;
            ciphertexts.push((value as unknown as { ciphertext: string }).ciphertext);
            // Half as --show-secrets writes them, half as ciphertext.
            if (name === "privateKeyPem")
              resource.outputs[name] = {
                [SIG]: (value as Record<string, string>)[SIG],
                plaintext: JSON.stringify(PLAINTEXT_KEY),
              };
            if (name === "token")
              resource.outputs[name] = {
                [SIG]: (value as Record<string, string>)[SIG],
                plaintext: JSON.stringify(PLAINTEXT_TOKEN),
              };
            if (name === "keyCreatedAt") {
              keyAgeSecrets += 1;
              resource.outputs[name] = {
                [SIG]: (value as Record<string, string>)[SIG],
                plaintext: JSON.stringify(PLAINTEXT_KEY_CREATED_AT),
              };
            }
          }
        }
        const written = path.join(scratch, `${file}.json`);
        fs.writeFileSync(written, JSON.stringify(exported));
        return written;
      });
      assert.ok(ciphertexts.length >= 3, "the fixtures hold secrets");
      assert.equal(keyAgeSecrets, 1, "the rotation fixture holds a secret keyCreatedAt");
      const page = path.join(scratch, "page.html");
      const printed = [[], ["--json"], ["--prometheus"], ["--html", page]].map((format) => {
        const run = runCertplane([
          "report",
          ...files,
          "--at",
          RECORDED_AT,
          "--fail-within",
          "400d",
          ...format,
        ]);
        assert.equal(run.status, 1, run.stderr);
        return `${run.stdout}\n${run.stderr}`;
      });
      printed.push(fs.readFileSync(page, "utf8"));
      // The key whose age is secret is still reported, as one whose age the report cannot read.
      assert.match(printed[0], / {2}vault {2}.* {2}after 720h \(key age is secret\)\n/);
      for (const text of printed) {
        for (const secret of [
          PLAINTEXT_TOKEN,
          "reportsecret",
          "PRIVATE KEY",
          ...DERIVED_FROM_SECRET,
          ...ciphertexts.map((c) => c.slice(0, 40)),
        ]) {
          assert.ok(!text.includes(secret), `an output holds ${secret.slice(0, 12)}…`);
        }
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
