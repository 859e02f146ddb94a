/**
 * `certplane report` over three real stacks on one file backend (tests/report/support/fleet.ts):
 * a TypeScript stack through the dynamic door brought up 85 days ago, a YAML stack through the
 * plugin, and one with a PAT, an Oracle SBC import and an AppViewX SSH certificate — clocks of the
 * simulator and the provider moved. `--all` reads them through the Pulumi CLI (`stack ls --all`,
 * `stack export`), lists every certificate with the status the rule gives now, `--fail-within`
 * exits 1 exactly when a not-after falls inside it (0 a second outside), the JSON parses as the
 * Report shape, Prometheus's own parser accepts the exposition text, and the plugin stack's key
 * (`rotateAfterHours: 1440`) shows on both its certificates with the creation time the stack
 * itself outputs, rotation due from that instant plus 1440 hours.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import type { Report } from "../../report/model";
import { bringUpFleet, type Fleet } from "../report/support/fleet";
import { parseExposition } from "../report/support/promcheck";
import { runCertplane } from "../report/support/runCli";
import { engineStateRoot, removeStateRoot, requirePulumiCli } from "./support/engine";

const DAY_MS = 86_400_000;

describe("engine: certplane report over three stacks", function () {
  this.timeout(1_200_000);
  let sim: Simulator;
  let root: string;
  let fleet: Fleet;
  let env: Record<string, string>;

  before(async () => {
    sim = await startSimulator();
    root = engineStateRoot("report");
    fleet = await bringUpFleet(sim, root);
    // The report finds `pulumi` on PATH and the backend in PULUMI_BACKEND_URL, as a user's shell has.
    env = {
      ...fleet.env,
      PATH: [requirePulumiCli().binDir, process.env.PATH].join(path.delimiter),
      NO_COLOR: "1",
    };
  });

  after(async () => {
    await fleet?.close();
    await sim?.stop();
    if (root) removeStateRoot(root);
  });

  /** `certplane report <args>` run in the state folder (no project there: --all needs none). */
  const report = (args: string[]) => runCertplane(["report", ...args], { env, cwd: root });

  function jsonReport(args: string[]): Report {
    const run = report([...args, "--json"]);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Report;
  }

  it("--all lists every certificate and token of the three stacks with the status the rule gives now", () => {
    const { rows, sources } = jsonReport(["--all"]);
    assert.deepEqual(sources.map((s) => [s.stack, s.from, s.rows]).sort(), [
      [fleet.names.dynamic, "cli", 3],
      [fleet.names.mixed, "cli", 4],
      [fleet.names.plugin, "cli", 2],
    ]);
    assert.deepEqual(
      rows.map((r) => [r.stack, r.name, r.type, r.door, r.status]),
      [
        [fleet.names.dynamic, "legacy", "certplane:pca:SignedCertificate", "dynamic", "expired"],
        [fleet.names.mixed, "sbc", "certplane:oraclesbc:CertificateImport", "dynamic", "expiring"],
        [fleet.names.mixed, "sbc", "certplane:pca:SignedCertificate", "dynamic", "expiring"],
        [fleet.names.dynamic, "web", "certplane:pca:SignedCertificate", "dynamic", "renewal due"],
        [fleet.names.mixed, "deploy", "certplane:appviewx:SshCertificate", "dynamic", "expiring"],
        [fleet.names.mixed, "gnmi", "certplane:pca:PersonalAccessToken", "dynamic", "ok"],
        [fleet.names.plugin, "api", "certplane:pca:SignedCertificate", "plugin", "ok"],
        [
          fleet.names.dynamic,
          "web-frontdoor",
          "certplane:netfoundry:ClientCertificate",
          "dynamic",
          "ok",
        ],
        [
          fleet.names.plugin,
          "api-frontdoor",
          "certplane:netfoundry:ClientCertificate",
          "plugin",
          "ok",
        ],
      ],
    );
  });

  it("reports each not-after as the stack's own outputs hold it, sorted soonest first", async () => {
    const { rows } = jsonReport(["--all"]);
    const dynamicOutputs = fleet.dynamic.outputs();
    const mixedOutputs = fleet.mixed.outputs();
    const pluginOutputs = await fleet.plugin.outputs();
    const notAfterOf = (stack: string, name: string, type: string) =>
      rows.find((r) => r.stack === stack && r.name === name && r.type === type)?.notAfter;
    assert.deepEqual(
      [
        notAfterOf(fleet.names.dynamic, "web", "certplane:pca:SignedCertificate"),
        notAfterOf(fleet.names.dynamic, "legacy", "certplane:pca:SignedCertificate"),
        notAfterOf(fleet.names.dynamic, "web-frontdoor", "certplane:netfoundry:ClientCertificate"),
        notAfterOf(fleet.names.mixed, "gnmi", "certplane:pca:PersonalAccessToken"),
        notAfterOf(fleet.names.mixed, "sbc", "certplane:oraclesbc:CertificateImport"),
        notAfterOf(fleet.names.mixed, "deploy", "certplane:appviewx:SshCertificate"),
        notAfterOf(fleet.names.plugin, "api", "certplane:pca:SignedCertificate"),
      ],
      [
        dynamicOutputs.pcaNotAfter,
        dynamicOutputs.legacyNotAfter,
        dynamicOutputs.frontdoorNotAfter,
        mixedOutputs.tokenExpires,
        mixedOutputs.importedNotAfter,
        mixedOutputs.deployValidTo,
        pluginOutputs.apiNotAfter,
      ],
    );
    const notAfters = rows.map((r) => r.notAfter);
    assert.deepEqual(notAfters, [...notAfters].sort());
  });

  it("--fail-within exits 1 exactly when a not-after falls within it, naming those rows first, and 0 a second outside", () => {
    const { rows } = jsonReport(["--stack", fleet.names.plugin]);
    const api = rows.find((r) => r.name === "api")!;
    const edge = Date.parse(api.notAfter) - 14 * DAY_MS;
    const at = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
    const outside = report([
      "--stack",
      fleet.names.plugin,
      "--fail-within",
      "14d",
      "--at",
      at(edge - 1000),
    ]);
    assert.equal(outside.status, 0, outside.stderr);
    assert.equal(outside.stderr, "certplane report: nothing expires within 2w\n");
    const inside = report([
      "--stack",
      fleet.names.plugin,
      "--fail-within",
      "14d",
      "--at",
      at(edge),
    ]);
    assert.equal(inside.status, 1, inside.stderr);
    assert.equal(
      inside.stderr,
      "certplane report: 1 expired or expire within 2w (--fail-within):\n" +
        `  expires  ${api.notAfter}  ${fleet.names.plugin}  api  (certplane:pca:SignedCertificate)\n`,
    );
    const all = report(["--all", "--fail-within", "1h"]);
    assert.equal(all.status, 1);
    assert.match(
      all.stderr,
      /^certplane report: 1 expired or expire within 1h \(--fail-within\):\n {2}EXPIRED {2}\S+ {2}organization\/report-fleet-dynamic\/dynamic {2}legacy /,
    );
  });

  it("the table lists the same rows and the summary counts them", () => {
    const run = report(["--all"]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^STATUS {7}NOT AFTER {13}DAYS LEFT {2}STACK/);
    assert.equal(lines.length, 1 + 9 + 2);
    assert.match(
      lines[lines.length - 1],
      /^9 certificate\(s\) and token\(s\) in 3 stack\(s\) at \S+: 1 expired, 1 renewal due, 3 expiring, 4 ok \(expiring = within 30d\); keys: 0 rotation due, 1 scheduled$/,
    );
  });

  it("Prometheus's parser accepts the exposition text: one sample per row, labels as the rows hold them", () => {
    const { rows, generatedAt } = jsonReport(["--all", "--at", new Date().toISOString()]);
    const run = report(["--all", "--prometheus", "--at", generatedAt]);
    assert.equal(run.status, 0, run.stderr);
    const families = parseExposition(run.stdout);
    const notAfter = families.certplane_certificate_not_after_timestamp_seconds;
    assert.equal(notAfter.type, "GAUGE");
    assert.deepEqual(
      notAfter.samples.map((s) => [s.labels.stack, s.labels.urn, s.labels.subject, s.value]),
      rows.map((r) => [r.stack, r.urn, r.subject, Date.parse(r.notAfter) / 1000]),
    );
    assert.deepEqual(
      families.certplane_certificate_expired.samples.map((s) => s.value),
      rows.map((r) => (r.status === "expired" ? 1 : 0)),
    );
    assert.deepEqual(
      families.certplane_certificate_renewal_due.samples
        .filter((s) => s.value === 1)
        .map((s) => s.labels.name),
      rows.filter((r) => r.status === "expired" || r.status === "renewal due").map((r) => r.name),
    );
  });

  it("each certificate of the plugin stack carries its key's creation time and rotation, due from keyCreatedAt + 1440h", async () => {
    const { apiKeyCreatedAt } = await fleet.plugin.outputs();
    assert.match(String(apiKeyCreatedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const due = new Date(Date.parse(String(apiKeyCreatedAt)) + 1440 * 3_600_000)
      .toISOString()
      .replace(".000Z", "Z");
    const keyOf = (report: Report) =>
      report.rows.map((r) => [
        r.name,
        r.keyUrn,
        r.keyCreatedAt,
        r.keyRotateAfterHours,
        r.keyRotationDue,
        r.keyRotation,
      ]);
    const keyUrn =
      "urn:pulumi:dev::report-fleet-plugin::certplane:index:CertificateRequest::api-key";
    const now = jsonReport(["--stack", fleet.names.plugin]);
    assert.deepEqual(keyOf(now), [
      ["api", keyUrn, apiKeyCreatedAt, 1440, due, "scheduled"],
      ["api-frontdoor", keyUrn, apiKeyCreatedAt, 1440, due, "scheduled"],
    ]);
    assert.equal(now.keys, undefined);
    const at = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
    const before = jsonReport(["--stack", fleet.names.plugin, "--at", at(Date.parse(due) - 1000)]);
    const atDue = jsonReport(["--stack", fleet.names.plugin, "--at", due]);
    assert.deepEqual(
      [before, atDue].map((report) => report.rows.map((r) => r.keyRotation)),
      [
        ["scheduled", "scheduled"],
        ["due", "due"],
      ],
    );
    const prometheus = report(["--stack", fleet.names.plugin, "--prometheus", "--at", due]);
    assert.equal(prometheus.status, 0, prometheus.stderr);
    const families = parseExposition(prometheus.stdout);
    assert.deepEqual(
      families.certplane_certificate_key_rotation_timestamp_seconds.samples.map((s) => [
        s.labels.name,
        s.value,
      ]),
      [
        ["api", Date.parse(due) / 1000],
        ["api-frontdoor", Date.parse(due) / 1000],
      ],
    );
    assert.deepEqual(
      families.certplane_certificate_key_rotation_due.samples.map((s) => s.value),
      [1, 1],
    );
  });

  it("a stack the backend does not have is an error naming it (exit 2)", () => {
    const run = report(["--stack", "organization/nowhere/none"]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^certplane report: stack organization\/nowhere\/none: `pulumi stack export --stack organization\/nowhere\/none` failed: /,
    );
  });
});
