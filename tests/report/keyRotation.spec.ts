/**
 * The report's key-rotation fields over a real export (./fixtures/fleetRotation, recorded by
 * ./fixtures/recordRotation.ts): keys with `rotateAfterHours` behind a Cisco PCA certificate and a
 * NetFoundry one (one key), an AppViewX SSH certificate, a PCA certificate whose `keyCreatedAt` the
 * program made secret, and a key no certificate of the stack was issued for. Each format's exact
 * output at the instant it was recorded and at moved `--at` instants around a rotation; then the
 * same export changed as older or odder state would be (no `keyCreatedAt`, no
 * `propertyDependencies`, a request being replaced, the stack read twice).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseReportArgs } from "../../report/args";
import { buildReport } from "../../report/buildReport";
import type { Report } from "../../report/model";
import { renderTable } from "../../report/render/table";
import { runReport } from "../../report/run";
import { parseStackExport } from "../../report/stackExport";
import { byId, byName, findAll, findOne, parseHtml, textOf } from "./fixtures/htmlTree";
import { parseExposition } from "./support/promcheck";
import {
  exportPath,
  exportText,
  ROTATION_EXPORT,
  ROTATION_RECORDED_AT,
  rotationExportJson,
} from "./support/fixtures";

const HOUR_MS = 3_600_000;
const STACK = "report-fleet-rotation/rotation";
const URN = "urn:pulumi:rotation::report-fleet-rotation::pulumi-nodejs:dynamic/certplane:";
const KEY_URN = (name: string) => `${URN}CertificateRequest::${name}`;
/** deploy-key's rotation instant: made at 2026-12-07T03:47:23Z, rotateAfterHours 120. */
const DEPLOY_KEY_DUE = "2026-12-12T03:47:23Z";

/** `certplane report <args>` in-process, as the CLI runs it (no colour: not a terminal). */
async function report(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await runReport(parseReportArgs(args, new Date(ROTATION_RECORDED_AT)), {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: () => Promise.resolve(""),
    colour: false,
  });
  return { status, stdout, stderr };
}

/** The report of export JSON texts at `at`, in-process. */
function reportOf(exports: unknown[], at = ROTATION_RECORDED_AT): Report {
  return buildReport(
    exports.map((exported, index) =>
      parseStackExport(JSON.stringify(exported), { from: `e${index}`, label: `e${index}` }),
    ),
    { at: new Date(at), warnWithinHours: 720 },
  ).report;
}

/** The rotation export with `change` applied to the resource named `name` (URN's last part). */
function changed(name: string, change: (resource: Record<string, unknown>) => void): unknown {
  const exported = rotationExportJson();
  const resource = exported.deployment.resources.find((r) => r.urn.endsWith(`::${name}`));
  if (!resource) throw new Error(`the rotation export has no ${name}`);
  change(resource as unknown as Record<string, unknown>);
  return exported;
}

/** Each row's name and key fields, in report order. */
const keyFieldsOf = (rows: Report["rows"]) =>
  rows.map((row) => [
    row.name,
    row.keyUrn,
    row.keyCreatedAt,
    row.keyRotateAfterHours,
    row.keyRotationDue,
    row.keyRotation,
  ]);

const TABLE_HEADER =
  "STATUS    NOT AFTER             DAYS LEFT  STACK                           NAME           KIND              VENDOR      SUBJECT             SERIAL                            RENEWAL FROM          KEY CREATED           KEY ROTATION";
const KEYS_TITLE =
  "Keys with no certificate in their stack (signed elsewhere, e.g. by another stack):";

describe("report: key rotation (real export)", function () {
  // The Prometheus check builds its Go parser on first use.
  this.timeout(600_000);

  it("the fixture's keys are the stack's own: keyCreatedAt as the program exported it", () => {
    const stackOutputs = rotationExportJson().deployment.resources[0].outputs;
    assert.deepEqual(
      [
        stackOutputs.webKeyCreatedAt,
        stackOutputs.deployKeyCreatedAt,
        stackOutputs.partnerKeyCreatedAt,
      ],
      ["2026-12-07T03:47:23Z", "2026-12-07T03:47:23Z", "2026-12-07T03:47:23Z"],
    );
    assert.equal(ROTATION_RECORDED_AT, "2026-12-07T03:47:26Z");
  });

  it("--json: each certificate's key (linked through propertyDependencies), its age and rotation; the unsigned key on its own", async () => {
    const run = await report([ROTATION_EXPORT, "--json", "--at", ROTATION_RECORDED_AT]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    const json = JSON.parse(run.stdout) as Report;
    assert.equal(json.formatVersion, 1);
    assert.deepEqual(keyFieldsOf(json.rows), [
      ["deploy", KEY_URN("deploy-key"), "2026-12-07T03:47:23Z", 120, DEPLOY_KEY_DUE, "scheduled"],
      // vault-key's keyCreatedAt is a secret: its rotation age only, no instant, no state.
      ["vault", KEY_URN("vault-key"), undefined, 720, undefined, undefined],
      [
        "web",
        KEY_URN("web-key"),
        "2026-12-07T03:47:23Z",
        1440,
        "2027-02-05T03:47:23Z",
        "scheduled",
      ],
      [
        "web-frontdoor",
        KEY_URN("web-key"),
        "2026-12-07T03:47:23Z",
        1440,
        "2027-02-05T03:47:23Z",
        "scheduled",
      ],
    ]);
    // The fields come after the status, in the model's order.
    assert.deepEqual(Object.keys(json.rows[0]).slice(-7), [
      "daysLeft",
      "status",
      "keyUrn",
      "keyCreatedAt",
      "keyRotateAfterHours",
      "keyRotationDue",
      "keyRotation",
    ]);
    assert.deepEqual(json.keys, [
      {
        stack: STACK,
        name: "partner-key",
        urn: KEY_URN("partner-key"),
        type: "certplane:index:CertificateRequest",
        door: "dynamic",
        fingerprint: "SHA256:dEWGYA/wTOgGaTIkwLCWjEO8wJiqYow2PvrASIoW+EA",
        keyCreatedAt: "2026-12-07T03:47:23Z",
        keyRotateAfterHours: 2160,
        keyRotationDue: "2027-03-07T03:47:23Z",
        keyRotation: "scheduled",
      },
    ]);
    // Every rotation instant is keyCreatedAt + rotateAfterHours.
    for (const key of [...json.rows, ...json.keys!].filter((k) => k.keyRotationDue)) {
      assert.equal(
        Date.parse(key.keyRotationDue!) - Date.parse(key.keyCreatedAt!),
        key.keyRotateAfterHours! * HOUR_MS,
      );
    }
  });

  it("the table: KEY CREATED and KEY ROTATION columns, the unsigned key after the certificates, the keys in the summary", async () => {
    const run = await report([ROTATION_EXPORT, "--at", ROTATION_RECORDED_AT]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        TABLE_HEADER,
        "expiring  2026-12-14T03:47:24Z  7.0        report-fleet-rotation/rotation  deploy         ssh-certificate   appviewx    deploy              3104336000000964                  2026-12-13T03:47:24Z  2026-12-07T03:47:23Z  2026-12-12T03:47:23Z",
        "ok        2027-03-07T03:47:24Z  90.0       report-fleet-rotation/rotation  vault          x509-certificate  pca         CN=vault            7094A4681831E4FFE47A10F023D8DF5B  2027-01-06T03:47:24Z  -                     after 720h (key age is secret)",
        "ok        2027-03-07T03:47:24Z  90.0       report-fleet-rotation/rotation  web            x509-certificate  pca         CN=web              57A523D7F87A2E04C0B0AE6B16E1F3FE  2027-02-05T03:47:24Z  2026-12-07T03:47:23Z  2027-02-05T03:47:23Z",
        "ok        2027-12-07T03:47:23Z  365.0      report-fleet-rotation/rotation  web-frontdoor  x509-certificate  netfoundry  CN=web.example.com  57B3A6E14AB5287711FE6BD0748F1DD3  2027-11-07T03:47:23Z  2026-12-07T03:47:23Z  2027-02-05T03:47:23Z",
        "",
        KEYS_TITLE,
        "KEY ROTATION          KEY CREATED           STACK                           NAME         FINGERPRINT",
        "2027-03-07T03:47:23Z  2026-12-07T03:47:23Z  report-fleet-rotation/rotation  partner-key  SHA256:dEWGYA/wTOgGaTIkwLCWjEO8wJiqYow2PvrASIoW+EA",
        "",
        "4 certificate(s) and token(s) in 1 stack(s) at 2026-12-07T03:47:26Z: 0 expired, 0 renewal due, 1 expiring, 3 ok (expiring = within 30d); keys: 0 rotation due, 3 scheduled",
        "",
      ].join("\n"),
    );
  });

  it("--at a second before a key's rotation instant: scheduled; at it: `key rotation due`, the status unchanged", async () => {
    const before = await report([ROTATION_EXPORT, "--at", "2026-12-12T03:47:22Z"]);
    const at = await report([ROTATION_EXPORT, "--at", DEPLOY_KEY_DUE]);
    const deployLine = (text: string) => text.split("\n")[1];
    assert.equal(
      deployLine(before.stdout),
      "expiring  2026-12-14T03:47:24Z  2.0        report-fleet-rotation/rotation  deploy         ssh-certificate   appviewx    deploy              3104336000000964                  2026-12-13T03:47:24Z  2026-12-07T03:47:23Z  2026-12-12T03:47:23Z",
    );
    assert.equal(
      deployLine(at.stdout),
      "expiring  2026-12-14T03:47:24Z  2.0        report-fleet-rotation/rotation  deploy         ssh-certificate   appviewx    deploy              3104336000000964                  2026-12-13T03:47:24Z  2026-12-07T03:47:23Z  key rotation due since 2026-12-12T03:47:23Z",
    );
    assert.equal(
      before.stdout.trimEnd().split("\n").at(-1),
      "4 certificate(s) and token(s) in 1 stack(s) at 2026-12-12T03:47:22Z: 0 expired, 0 renewal due, 1 expiring, 3 ok (expiring = within 30d); keys: 0 rotation due, 3 scheduled",
    );
    assert.equal(
      at.stdout.trimEnd().split("\n").at(-1),
      "4 certificate(s) and token(s) in 1 stack(s) at 2026-12-12T03:47:23Z: 0 expired, 0 renewal due, 1 expiring, 3 ok (expiring = within 30d); keys: 1 rotation due, 2 scheduled",
    );
    // Every other line is the same at both instants but for days left and the summary's instant.
    const rest = (text: string) =>
      text
        .split("\n")
        .filter((_, index) => index !== 1)
        .slice(0, -2)
        .join("\n");
    assert.equal(rest(before.stdout), rest(at.stdout));
  });

  it("--at after every rotation instant: every key that rotates is due, the unsigned one too", async () => {
    const run = await report([ROTATION_EXPORT, "--at", "2027-03-07T03:47:23Z"]);
    assert.equal(
      run.stdout,
      [
        "STATUS       NOT AFTER             DAYS LEFT  STACK                           NAME           KIND              VENDOR      SUBJECT             SERIAL                            RENEWAL FROM          KEY CREATED           KEY ROTATION",
        "expired      2026-12-14T03:47:24Z  -83.0      report-fleet-rotation/rotation  deploy         ssh-certificate   appviewx    deploy              3104336000000964                  2026-12-13T03:47:24Z  2026-12-07T03:47:23Z  key rotation due since 2026-12-12T03:47:23Z",
        "renewal due  2027-03-07T03:47:24Z  0.0        report-fleet-rotation/rotation  vault          x509-certificate  pca         CN=vault            7094A4681831E4FFE47A10F023D8DF5B  2027-01-06T03:47:24Z  -                     after 720h (key age is secret)",
        "renewal due  2027-03-07T03:47:24Z  0.0        report-fleet-rotation/rotation  web            x509-certificate  pca         CN=web              57A523D7F87A2E04C0B0AE6B16E1F3FE  2027-02-05T03:47:24Z  2026-12-07T03:47:23Z  key rotation due since 2027-02-05T03:47:23Z",
        "ok           2027-12-07T03:47:23Z  275.0      report-fleet-rotation/rotation  web-frontdoor  x509-certificate  netfoundry  CN=web.example.com  57B3A6E14AB5287711FE6BD0748F1DD3  2027-11-07T03:47:23Z  2026-12-07T03:47:23Z  key rotation due since 2027-02-05T03:47:23Z",
        "",
        KEYS_TITLE,
        "KEY ROTATION                                 KEY CREATED           STACK                           NAME         FINGERPRINT",
        "key rotation due since 2027-03-07T03:47:23Z  2026-12-07T03:47:23Z  report-fleet-rotation/rotation  partner-key  SHA256:dEWGYA/wTOgGaTIkwLCWjEO8wJiqYow2PvrASIoW+EA",
        "",
        "4 certificate(s) and token(s) in 1 stack(s) at 2027-03-07T03:47:23Z: 1 expired, 2 renewal due, 0 expiring, 1 ok (expiring = within 30d); keys: 3 rotation due, 0 scheduled",
        "",
      ].join("\n"),
    );
  });

  it("--prometheus: key-created, key-rotation and rotation-due gauges with the certificates' labels, and certplane_key_* for the unsigned key", async () => {
    const run = await report([ROTATION_EXPORT, "--prometheus", "--at", DEPLOY_KEY_DUE]);
    assert.equal(run.status, 0, run.stderr);
    const families = parseExposition(run.stdout);
    const samples = (name: string) =>
      families[name]?.samples.map((s) => [s.labels.name, s.value]) ?? [];
    const created = Date.parse("2026-12-07T03:47:23Z") / 1000;
    assert.deepEqual(samples("certplane_certificate_key_created_timestamp_seconds"), [
      ["deploy", created],
      ["web", created],
      ["web-frontdoor", created],
    ]);
    assert.deepEqual(samples("certplane_certificate_key_rotation_timestamp_seconds"), [
      ["deploy", created + 120 * 3600],
      ["web", created + 1440 * 3600],
      ["web-frontdoor", created + 1440 * 3600],
    ]);
    assert.deepEqual(samples("certplane_certificate_key_rotation_due"), [
      ["deploy", 1],
      ["web", 0],
      ["web-frontdoor", 0],
    ]);
    assert.deepEqual(
      ["created_timestamp_seconds", "rotation_timestamp_seconds", "rotation_due"].map((fact) =>
        families[`certplane_key_${fact}`].samples.map((s) => [s.labels, s.value]),
      ),
      [
        [[PARTNER_LABELS, created]],
        [[PARTNER_LABELS, created + 2160 * 3600]],
        [[PARTNER_LABELS, 0]],
      ],
    );
    // The certificates' key gauges carry exactly the labels of their other gauges.
    const labelsOf = (name: string) => families[name].samples.map((s) => JSON.stringify(s.labels));
    const notAfterLabels = labelsOf("certplane_certificate_not_after_timestamp_seconds");
    for (const name of [
      "certplane_certificate_key_created_timestamp_seconds",
      "certplane_certificate_key_rotation_timestamp_seconds",
      "certplane_certificate_key_rotation_due",
    ]) {
      for (const labels of labelsOf(name)) assert.ok(notAfterLabels.includes(labels), name);
    }
    // The exact text of one sample of each new family.
    const lines = run.stdout.split("\n");
    assert.ok(
      lines.includes(
        `certplane_certificate_key_rotation_due{stack="${STACK}",name="deploy",urn="${URN}AppViewXSshCertificate::deploy",type="certplane:appviewx:SshCertificate",kind="ssh-certificate",vendor="appviewx",subject="deploy",serial="3104336000000964"} 1`,
      ),
    );
    assert.ok(
      lines.includes(
        `certplane_key_rotation_timestamp_seconds{stack="${STACK}",name="partner-key",urn="${KEY_URN("partner-key")}",type="certplane:index:CertificateRequest",fingerprint="SHA256:dEWGYA/wTOgGaTIkwLCWjEO8wJiqYow2PvrASIoW+EA"} 1804391243`,
      ),
    );
  });

  it("--html: Key created and Key rotation columns with the `key rotation due` marker, and a table of the unsigned key", async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-report-rotation-"));
    try {
      const file = path.join(scratch, "page.html");
      const run = await report([ROTATION_EXPORT, "--html", file, "--at", DEPLOY_KEY_DUE]);
      assert.equal(run.status, 0, run.stderr);
      const page = parseHtml(fs.readFileSync(file, "utf8"));
      const cells = (table: string) =>
        findAll(
          findOne(findOne(page, byId(table), `#${table}`), byName("tbody"), "tbody"),
          byName("tr"),
        ).map((line) => findAll(line, byName("td")).map(textOf));
      assert.deepEqual(
        cells("certificates").map((line) => [line[1], ...line.slice(-2)]),
        [
          ["deploy", "2026-12-07T03:47:23Z", "key rotation due since 2026-12-12T03:47:23Z"],
          ["vault", "", "after 720h (key age is secret)"],
          ["web", "2026-12-07T03:47:23Z", "2027-02-05T03:47:23Z"],
          ["web-frontdoor", "2026-12-07T03:47:23Z", "2027-02-05T03:47:23Z"],
        ],
      );
      assert.deepEqual(cells("keys"), [
        [
          STACK,
          "partner-key",
          "SHA256:dEWGYA/wTOgGaTIkwLCWjEO8wJiqYow2PvrASIoW+EA",
          "2026-12-07T03:47:23Z",
          "2027-03-07T03:47:23Z",
        ],
      ]);
      // The marker is its own element, once: only deploy's key is due.
      const marked = findAll(
        findOne(page, byId("certificates"), "#certificates"),
        byName("span", "key-due"),
      );
      assert.deepEqual(marked.map(textOf), ["key rotation due"]);
      assert.equal(
        textOf(findOne(page, byId("key-summary"), "#key-summary")),
        "keys: 1 rotation due · 2 rotation scheduled",
      );
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

const PARTNER_LABELS = {
  stack: STACK,
  name: "partner-key",
  urn: KEY_URN("partner-key"),
  type: "certplane:index:CertificateRequest",
  fingerprint: "SHA256:dEWGYA/wTOgGaTIkwLCWjEO8wJiqYow2PvrASIoW+EA",
};

describe("report: key rotation (older and odder state)", () => {
  it("a key with no keyCreatedAt but rotateAfterHours: due now (its age is unknown, as the provider counts it), no instants", () => {
    const rows = reportOf([
      changed("web-key", (r) => delete (r.outputs as Record<string, unknown>).keyCreatedAt),
    ]).rows;
    assert.deepEqual(keyFieldsOf(rows.filter((row) => row.name.startsWith("web"))), [
      ["web", KEY_URN("web-key"), undefined, 1440, undefined, "due"],
      ["web-frontdoor", KEY_URN("web-key"), undefined, 1440, undefined, "due"],
    ]);
  });

  it("state from before the fields existed (no keyCreatedAt, no rotateAfterHours): the link only, no key fields", () => {
    const exported = changed("web-key", (r) => {
      const outputs = r.outputs as Record<string, unknown>;
      delete outputs.keyCreatedAt;
      delete outputs.rotateAfterHours;
    });
    const report = reportOf([exported]);
    assert.deepEqual(keyFieldsOf(report.rows.filter((row) => row.name === "web")), [
      ["web", KEY_URN("web-key"), undefined, undefined, undefined, undefined],
    ]);
    const table = buildTableLine(report, "web");
    assert.ok(table.endsWith("  -                     -"), table);
  });

  it("an unreadable keyCreatedAt counts as unknown age (due), a rotateAfterHours that is not whole hours as none", () => {
    const badTime = reportOf([
      changed(
        "deploy-key",
        (r) => ((r.outputs as Record<string, unknown>).keyCreatedAt = "yesterday"),
      ),
    ]).rows.find((row) => row.name === "deploy")!;
    assert.deepEqual(
      [badTime.keyCreatedAt, badTime.keyRotationDue, badTime.keyRotation],
      [undefined, undefined, "due"],
    );
    const badHours = reportOf([
      changed("deploy-key", (r) => ((r.outputs as Record<string, unknown>).rotateAfterHours = 1.5)),
    ]).rows.find((row) => row.name === "deploy")!;
    assert.deepEqual(
      [badHours.keyCreatedAt, badHours.keyRotateAfterHours, badHours.keyRotation],
      ["2026-12-07T03:47:23Z", undefined, undefined],
    );
  });

  it("links through `dependencies` only when state has no propertyDependencies and exactly one request is among them", () => {
    const imported = changed("deploy", (r) => {
      delete r.propertyDependencies;
    });
    assert.equal(
      reportOf([imported]).rows.find((row) => row.name === "deploy")?.keyUrn,
      KEY_URN("deploy-key"),
    );
    const twoRequests = changed("deploy", (r) => {
      delete r.propertyDependencies;
      r.dependencies = [KEY_URN("deploy-key"), KEY_URN("partner-key")];
    });
    const report = reportOf([twoRequests]);
    assert.equal(report.rows.find((row) => row.name === "deploy")?.keyUrn, undefined);
    // Unlinked now, deploy-key is listed as a key of its own, soonest rotation first.
    assert.deepEqual(
      report.keys?.map((key) => [key.name, key.keyRotationDue]),
      [
        ["deploy-key", DEPLOY_KEY_DUE],
        ["partner-key", "2027-03-07T03:47:23Z"],
      ],
    );
  });

  it("follows only key inputs: a request named in another input (or a dependsOn) is no link", () => {
    const other = changed("deploy", (r) => {
      r.propertyDependencies = { principals: [KEY_URN("deploy-key")], publicKey: [] };
    });
    assert.equal(reportOf([other]).rows.find((row) => row.name === "deploy")?.keyUrn, undefined);
    // The SBC certificate's CSR is the Oracle SBC record's (the device's key): no request, no link.
    const mixed = reportOf([JSON.parse(exportText("mixed"))]);
    assert.deepEqual(
      mixed.rows.map((row) => [row.name, row.type, row.keyUrn?.split("::").at(-1)]),
      [
        ["sbc", "certplane:oraclesbc:CertificateImport", undefined],
        ["sbc", "certplane:pca:SignedCertificate", undefined],
        ["deploy", "certplane:appviewx:SshCertificate", "deploy"],
        ["gnmi", "certplane:pca:PersonalAccessToken", undefined],
      ],
    );
    assert.equal(mixed.keys, undefined);
  });

  it("a request on its way out (the old copy of a replacement) is neither a link nor a key", () => {
    const exported = rotationExportJson();
    const partner = exported.deployment.resources.find((r) => r.urn === KEY_URN("partner-key"))!;
    exported.deployment.resources.push({
      ...partner,
      outputs: { ...partner.outputs, keyCreatedAt: "2026-01-01T00:00:00Z" },
      delete: true,
    });
    assert.deepEqual(
      reportOf([exported]).keys?.map((key) => [key.name, key.keyCreatedAt]),
      [["partner-key", "2026-12-07T03:47:23Z"]],
    );
  });

  it("the stack read twice lists each key once; a stack with no request has no `keys`", () => {
    const twice = reportOf([rotationExportJson(), rotationExportJson()]);
    assert.deepEqual(
      twice.keys?.map((key) => key.name),
      ["partner-key"],
    );
    assert.equal(
      "keys" in reportOf([JSON.parse(fs.readFileSync(exportPath("plugin"), "utf8"))]),
      false,
    );
  });
});

/** The table line of the row named `name` (rendered without colour). */
function buildTableLine(report: Report, name: string): string {
  return renderTable(report, { colour: false })
    .split("\n")
    .find((line) => line.split(/\s{2,}/)[4] === name)!;
}
