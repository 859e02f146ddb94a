/**
 * `certplane` through its front door (`node dist/report/cli.js`, after `npm run build`): exit 0
 * with a report, 1 when `--fail-within` trips, 2 for a usage error or an unreadable input, each
 * message naming the flag or file. Inputs are the recorded real exports.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Report } from "../../report/model";
import { exportPath, exportText, RECORDED_AT } from "./support/fixtures";
import { runCertplane } from "./support/runCli";

const AT = ["--at", RECORDED_AT];
const ALL = [exportPath("dynamic"), exportPath("plugin"), exportPath("mixed")];

describe("certplane report CLI", function () {
  this.timeout(120_000);
  let scratch: string;
  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-report-cli-"));
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("prints the table of every file's rows and exits 0, without colour when stdout is not a terminal", () => {
    const run = runCertplane(["report", ...ALL, ...AT]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.doesNotMatch(run.stdout, /\u001b\[/);
    const lines = run.stdout.split("\n");
    assert.equal(
      lines[1],
      "expired      2026-10-12T23:14:37Z  -55.0      report-fleet-dynamic/dynamic  legacy         x509-certificate  pca         CN=legacy                         721C21AD123DCE6A6A7798C61E1C9B60  -                     2026-09-12T23:14:36Z  -",
    );
    assert.equal(
      lines.at(-2),
      `9 certificate(s) and token(s) in 3 stack(s) at ${RECORDED_AT}: 1 expired, 1 renewal due, 3 expiring, 4 ok (expiring = within 30d); keys: 0 rotation due, 1 scheduled`,
    );
  });

  it("--json prints the Report (formatVersion 1) and reads - from standard input", () => {
    const run = runCertplane(["report", "-", "--json", ...AT, "--warn-within", "2w"], {
      input: exportText("mixed"),
    });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(
      [report.formatVersion, report.generatedAt, report.warnWithinHours, report.sources],
      [1, RECORDED_AT, 336, [{ stack: "report-fleet-mixed/mixed", from: "-", rows: 4 }]],
    );
    assert.deepEqual(
      report.rows.map((r) => [r.name, r.status, r.daysLeft]),
      [
        ["sbc", "expiring", 1],
        ["sbc", "expiring", 1],
        ["deploy", "expiring", 7],
        ["gnmi", "ok", 90],
      ],
    );
  });

  it("--fail-within exits 1 and names the rows that trip it on stderr, stdout staying the format", () => {
    const run = runCertplane(["report", ...ALL, ...AT, "--fail-within", "6d", "--json"]);
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      "certplane report: 4 expired or expire within 6d (--fail-within):\n" +
        "  EXPIRED  2026-10-12T23:14:37Z  report-fleet-dynamic/dynamic  legacy  (certplane:pca:SignedCertificate)\n" +
        "  expires  2026-12-07T23:14:40Z  report-fleet-mixed/mixed  sbc  (certplane:oraclesbc:CertificateImport)\n" +
        "  expires  2026-12-07T23:14:40Z  report-fleet-mixed/mixed  sbc  (certplane:pca:SignedCertificate)\n" +
        "  expires  2026-12-11T23:14:37Z  report-fleet-dynamic/dynamic  web  (certplane:pca:SignedCertificate)\n",
    );
    assert.equal((JSON.parse(run.stdout) as Report).rows.length, 9);
  });

  it("--fail-within exits 0 when nothing falls within it, saying so", () => {
    const run = runCertplane(["report", exportPath("plugin"), ...AT, "--fail-within", "89d"]);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, "certplane report: nothing expires within 89d\n");
  });

  it("--html writes the page to the file and still prints the table", () => {
    const page = path.join(scratch, "report.html");
    const run = runCertplane(["report", exportPath("plugin"), ...AT, "--html", page]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(fs.readFileSync(page, "utf8"), /^<!doctype html>/i);
    assert.match(run.stdout, /^STATUS/);
  });

  it("--help prints the usage and exits 0", () => {
    const run = runCertplane(["report", "--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: certplane report \[options\]/);
  });

  const usageCases: [string, string[], string][] = [
    ["no command", [], "certplane: no command; the command is `report`"],
    [
      "an unknown command",
      ["rport"],
      'certplane: unknown command "rport"; the command is `report`',
    ],
    [
      "nothing to read",
      ["report"],
      "certplane report: nothing to read: give export files (or - for standard input), --stack NAME or --all (see certplane report --help)",
    ],
    [
      "an unknown flag",
      ["report", "--jsn", "x"],
      "certplane report: unknown flag --jsn (see certplane report --help)",
    ],
    [
      "a bad duration",
      ["report", "x", "--warn-within", "30"],
      'certplane report: --warn-within "30" is not a duration: use a whole number followed by h, d or w (e.g. 12h, 30d, 2w) (see certplane report --help)',
    ],
    [
      "a bad --fail-within",
      ["report", "x", "--fail-within", "1.5d"],
      'certplane report: --fail-within "1.5d" is not a duration: use a whole number followed by h, d or w (e.g. 12h, 30d, 2w) (see certplane report --help)',
    ],
    [
      "a bad --at",
      ["report", "x", "--at", "2027-01-31"],
      'certplane report: --at "2027-01-31" is not an RFC 3339 time: use e.g. 2027-01-31T00:00:00Z (see certplane report --help)',
    ],
    [
      "two formats",
      ["report", "x", "--json", "--prometheus"],
      "certplane report: --json and --prometheus cannot be combined: choose one output format (see certplane report --help)",
    ],
    [
      "--all with --stack",
      ["report", "--all", "--stack", "s"],
      "certplane report: --all and --stack cannot be combined: --all already reads every stack (see certplane report --help)",
    ],
    [
      "a flag without its value",
      ["report", "x", "--html"],
      "certplane report: Option '--html <value>' argument missing (see certplane report --help)",
    ],
  ];
  for (const [what, args, message] of usageCases) {
    it(`exits 2 naming the problem for ${what} (failing case)`, () => {
      const run = runCertplane(args);
      assert.equal(run.status, 2);
      assert.equal(run.stderr.split("\n")[0], message);
      assert.equal(run.stdout, "");
    });
  }

  const fileCases: [string, string, string][] = [
    ["a missing file", "", "cannot be read (no such file); expected a `pulumi stack export` file"],
    ["an empty file", "", "is empty; expected the JSON `pulumi stack export` prints"],
    ["a file that is not JSON", "{version: 3", "is not JSON ("],
    [
      "a foreign JSON file",
      '{"name":"pkg","version":"1.0.0"}',
      "is not a `pulumi stack export` file: expected an object with `version` and `deployment` (got an object)",
    ],
    [
      "an unknown deployment version",
      '{"version":9,"deployment":{}}',
      "has deployment version 9; this report reads versions 1 to 3",
    ],
    [
      "resources that are not a list",
      '{"version":3,"deployment":{"resources":{}}}',
      "has `deployment.resources` of an object; expected a list",
    ],
    [
      "a resource without a URN",
      '{"version":3,"deployment":{"resources":[{"type":"t"}]}}',
      "deployment.resources[0] has no `urn` and `type` text (got an object)",
    ],
  ];
  for (const [what, content, reason] of fileCases) {
    it(`exits 2 naming the file for ${what}, with no report (failing case)`, () => {
      const file = path.join(scratch, `${what.replace(/\W+/g, "-")}.json`);
      if (what !== "a missing file") fs.writeFileSync(file, content);
      const run = runCertplane(["report", exportPath("plugin"), file]);
      assert.equal(run.status, 2);
      assert.ok(run.stderr.startsWith(`certplane report: ${file}: ${reason}`), run.stderr);
      assert.equal(run.stdout, "");
    });
  }

  it("reads an export of a stack with no resources as zero rows (a real empty stack is no error)", () => {
    const file = path.join(scratch, "empty-stack.json");
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: {} } }));
    const run = runCertplane(["report", file, ...AT, "--json"]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as Report).sources, [
      { stack: file, from: file, rows: 0 },
    ]);
  });

  it("warns on stderr about a certificate whose expiry is a secret, and reports the rest", () => {
    const exported = JSON.parse(exportText("plugin"));
    const api = exported.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::api"));
    api.outputs.notAfter = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "v1:x",
    };
    const run = runCertplane(["report", "-", ...AT, "--json"], { input: JSON.stringify(exported) });
    assert.equal(run.status, 0);
    assert.equal(
      run.stderr,
      `certplane report: warning: report-fleet-plugin/dev: ${api.urn}: its notAfter is stored as a secret; not reported\n`,
    );
    assert.deepEqual(
      (JSON.parse(run.stdout) as Report).rows.map((r) => r.name),
      ["api-frontdoor"],
    );
  });
});
