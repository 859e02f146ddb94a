/**
 * No secret reaches `certplane report`'s outputs: given exports whose secret outputs hold plaintext
 * (as `pulumi stack export --show-secrets` writes them) and ciphertext (as the report reads them),
 * the table, JSON, Prometheus text and HTML page hold neither, nor any private key block.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportJson, RECORDED_AT, ROLES } from "../report/support/fixtures";
import { runCertplane } from "../report/support/runCli";

const SIG = "4dabf18193072939515e22adb298388d";
const PLAINTEXT_KEY =
  "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgreportsecret\n-----END PRIVATE KEY-----\n";
const PLAINTEXT_TOKEN = "zitadel-pat-report-secret-0123456789";

describe("secrets: certplane report outputs", function () {
  this.timeout(120_000);

  it("prints no secret, plaintext or ciphertext, in any format", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-report-secrets-"));
    try {
      const ciphertexts: string[] = [];
      const files = ROLES.map((role) => {
        const exported = exportJson(role);
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
          }
        }
        const file = path.join(scratch, `${role}.json`);
        fs.writeFileSync(file, JSON.stringify(exported));
        return file;
      });
      assert.ok(ciphertexts.length >= 3, "the fixtures hold secrets");
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
      for (const text of printed) {
        for (const secret of [
          PLAINTEXT_TOKEN,
          "reportsecret",
          "PRIVATE KEY",
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
