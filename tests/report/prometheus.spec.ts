/**
 * The Prometheus exposition text (report/render/prometheus.ts), checked by Prometheus's own parser
 * (github.com/prometheus/common/expfmt, ./support/promcheck): any text in a label — quotes,
 * backslashes, line feeds, non-ASCII — reads back exactly as the row holds it.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { buildReport } from "../../report/buildReport";
import type { Report, ReportRow } from "../../report/model";
import { escapeLabelValue, renderPrometheus } from "../../report/render/prometheus";
import { parseStackExport } from "../../report/stackExport";
import { parseExposition } from "./support/promcheck";
import { exportText, RECORDED_AT, reportRow, ROLES } from "./support/fixtures";

const row = reportRow;

const reportOf = (rows: ReportRow[]): Report => ({
  formatVersion: 1,
  generatedAt: "2027-01-30T00:00:00Z",
  warnWithinHours: 720,
  sources: [],
  rows,
});

describe("report --prometheus", function () {
  // The first run builds the Go checker (seconds with a warm module cache).
  this.timeout(600_000);

  it("escapes backslash, double quote and line feed in label values, and nothing else", () => {
    assert.equal(escapeLabelValue('a\\b"c\nd\té'), 'a\\\\b\\"c\\nd\té');
  });

  it("any stack name and subject reads back exactly through Prometheus's parser", () => {
    const texts = fc.sample(fc.string({ unit: "binary", maxLength: 30 }), {
      numRuns: 300,
      seed: 25,
    });
    const rows = texts.map((text, index) =>
      row({
        stack: `s${index}${text}`,
        subject: text,
        urn: `urn:${index}`,
        serial: `${text}${index}`,
      }),
    );
    const parsed = parseExposition(renderPrometheus(reportOf(rows)));
    const samples = parsed.certplane_certificate_not_after_timestamp_seconds.samples;
    assert.deepEqual(
      samples.map((s) => [s.labels.stack, s.labels.subject, s.labels.serial]),
      rows.map((r) => [r.stack, r.subject, r.serial]),
    );
  });

  it("writes HELP and TYPE gauge for every family and one sample per row and fact", () => {
    const { report } = buildReport(
      ROLES.map((role) => parseStackExport(exportText(role), { from: role, label: role })),
      { at: new Date(RECORDED_AT), warnWithinHours: 720 },
    );
    const parsed = parseExposition(renderPrometheus(report));
    assert.deepEqual(
      Object.fromEntries(Object.values(parsed).map((f) => [f.name, [f.type, f.samples.length]])),
      {
        certplane_report_generated_timestamp_seconds: ["GAUGE", 1],
        certplane_certificate_not_after_timestamp_seconds: ["GAUGE", 9],
        certplane_certificate_not_before_timestamp_seconds: ["GAUGE", 8],
        certplane_certificate_renewal_window_start_timestamp_seconds: ["GAUGE", 5],
        certplane_certificate_renewal_due: ["GAUGE", 9],
        certplane_certificate_expired: ["GAUGE", 9],
        // Six rows' keys came from a CertificateRequest; two (plugin's api-key) rotate.
        certplane_certificate_key_created_timestamp_seconds: ["GAUGE", 6],
        certplane_certificate_key_rotation_timestamp_seconds: ["GAUGE", 2],
        certplane_certificate_key_rotation_due: ["GAUGE", 2],
      },
    );
    assert.equal(
      parsed.certplane_report_generated_timestamp_seconds.samples[0].value,
      Date.parse(RECORDED_AT) / 1000,
    );
    for (const family of Object.values(parsed)) assert.ok(family.help.length > 20, family.name);
  });

  it("marks renewal due from the window's start and expired from not-after, at the report's instant", () => {
    const rows = [
      row({
        urn: "u1",
        notAfter: "2027-01-29T00:00:00Z",
        renewalWindowStart: "2027-01-20T00:00:00Z",
      }),
      row({
        urn: "u2",
        notAfter: "2027-02-05T00:00:00Z",
        renewalWindowStart: "2027-01-30T00:00:00Z",
      }),
      row({
        urn: "u3",
        notAfter: "2027-02-05T00:00:00Z",
        renewalWindowStart: "2027-01-30T00:00:01Z",
      }),
      row({ urn: "u4", notAfter: "2027-01-30T00:00:00Z" }),
      row({ urn: "u5", notAfter: "2027-01-30T00:00:01Z" }),
    ];
    const parsed = parseExposition(renderPrometheus(reportOf(rows)));
    const values = (name: string) => parsed[name].samples.map((s) => [s.labels.urn, s.value]);
    assert.deepEqual(values("certplane_certificate_renewal_due"), [
      ["u1", 1],
      ["u2", 1],
      ["u3", 0],
      ["u4", 1],
      ["u5", 0],
    ]);
    assert.deepEqual(values("certplane_certificate_expired"), [
      ["u1", 1],
      ["u2", 0],
      ["u3", 0],
      ["u4", 1],
      ["u5", 0],
    ]);
  });

  it("an empty report is still valid text: the report's own timestamp, families without samples", () => {
    const parsed = parseExposition(renderPrometheus(reportOf([])));
    assert.deepEqual(Object.keys(parsed), ["certplane_report_generated_timestamp_seconds"]);
  });
});
