/**
 * The report as Prometheus text exposition format (version 0.0.4), for the node exporter's textfile
 * collector: one gauge family per fact, each with HELP and TYPE, one sample per row, labelled
 * `stack`, `name`, `urn`, `type`, `kind`, `vendor`, `subject`, `serial`; and for keys no certificate
 * of their stack was issued for, `certplane_key_*` families labelled `stack`, `name`, `urn`, `type`,
 * `fingerprint`. Names follow Prometheus's conventions: base units (seconds), `_timestamp_seconds`
 * for instants, 0/1 gauges for states.
 */
import type { KeyFacts, KeyRow, Report, ReportRow } from "../model";

/** One metric family: its name, help, and the value of each row (undefined: no sample). */
interface Family<Row = ReportRow> {
  name: string;
  help: string;
  value: (row: Row, atMs: number) => number | undefined;
}

const seconds = (instant: string | undefined): number | undefined =>
  instant === undefined ? undefined : Date.parse(instant) / 1000;

/** The per-row families, in the order they are written. */
export const ROW_FAMILIES: readonly Family[] = [
  {
    name: "certplane_certificate_not_after_timestamp_seconds",
    help: "When the certificate or token expires (not-after), in seconds since the Unix epoch.",
    value: (row) => seconds(row.notAfter),
  },
  {
    name: "certplane_certificate_not_before_timestamp_seconds",
    help: "When the certificate becomes valid (not-before), in seconds since the Unix epoch.",
    value: (row) => seconds(row.notBefore),
  },
  {
    name: "certplane_certificate_renewal_window_start_timestamp_seconds",
    help: "When the renewal window opens (not-after minus earlyRenewalHours), in seconds since the Unix epoch.",
    value: (row) => seconds(row.renewalWindowStart),
  },
  {
    name: "certplane_certificate_renewal_due",
    help: "1 when the renewal window has opened at the report's instant (the next pulumi up renews it), else 0.",
    value: (row, atMs) => {
      const start = row.renewalWindowStart ?? row.notAfter;
      return atMs >= Date.parse(start) ? 1 : 0;
    },
  },
  {
    name: "certplane_certificate_expired",
    help: "1 when not-after has passed at the report's instant, else 0.",
    value: (row, atMs) => (atMs >= Date.parse(row.notAfter) ? 1 : 0),
  },
  ...keyFamilies("certplane_certificate_key", "the certificate's key"),
];

/**
 * The key facts' families, for certificates' keys and for keys of their own: when the key was
 * made, when it is due for rotation, and whether it is due (only for keys whose rotation the
 * report knows; a key of unknown age is due, with no rotation instant).
 */
function keyFamilies<Row extends KeyFacts>(prefix: string, whose: string): Family<Row>[] {
  return [
    {
      name: `${prefix}_created_timestamp_seconds`,
      help: `When ${whose} was generated (keyCreatedAt), in seconds since the Unix epoch.`,
      value: (row) => seconds(row.keyCreatedAt),
    },
    {
      name: `${prefix}_rotation_timestamp_seconds`,
      help: `When ${whose} is due for rotation (keyCreatedAt plus rotateAfterHours), in seconds since the Unix epoch.`,
      value: (row) => seconds(row.keyRotationDue),
    },
    {
      name: `${prefix}_rotation_due`,
      help: `1 when ${whose} is due for rotation at the report's instant (the next pulumi up makes a new key), else 0.`,
      value: (row) =>
        row.keyRotation === undefined ? undefined : row.keyRotation === "due" ? 1 : 0,
    },
  ];
}

/** The families of keys no certificate of their stack was issued for. */
export const KEY_FAMILIES: readonly Family<KeyRow>[] = keyFamilies(
  "certplane_key",
  "the key (a CertificateRequest no certificate of its stack was issued for)",
);

/** The report's own family: when it was computed (alert when the file goes stale). */
const GENERATED = {
  name: "certplane_report_generated_timestamp_seconds",
  help: "The instant the report computed its statuses at, in seconds since the Unix epoch.",
};

/** A label value escaped as the format requires: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escaped as the format requires: backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A label set as the format writes it. */
function labelText(labels: [string, string][]): string {
  return labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",");
}

/** The label set of a row, in a fixed order. */
function labelsOf(row: ReportRow): string {
  return labelText([
    ["stack", row.stack],
    ["name", row.name],
    ["urn", row.urn],
    ["type", row.type],
    ["kind", row.kind],
    ["vendor", row.vendor],
    ["subject", row.subject],
    ["serial", row.serial ?? ""],
  ]);
}

/** The label set of a key of its own, in a fixed order. */
function keyLabelsOf(key: KeyRow): string {
  return labelText([
    ["stack", key.stack],
    ["name", key.name],
    ["urn", key.urn],
    ["type", key.type],
    ["fingerprint", key.fingerprint ?? ""],
  ]);
}

function header(name: string, help: string): string[] {
  return [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`];
}

/** The exposition text of a report (ends with a line feed, as the format requires). */
export function renderPrometheus(report: Report): string {
  const atMs = Date.parse(report.generatedAt);
  const lines = [...header(GENERATED.name, GENERATED.help), `${GENERATED.name} ${atMs / 1000}`];
  const write = <Row>(families: readonly Family<Row>[], rows: readonly Row[], labels: string[]) => {
    for (const family of families) {
      lines.push(...header(family.name, family.help));
      rows.forEach((row, index) => {
        const value = family.value(row, atMs);
        if (value !== undefined) lines.push(`${family.name}{${labels[index]}} ${value}`);
      });
    }
  };
  write(ROW_FAMILIES, report.rows, report.rows.map(labelsOf));
  const keys = report.keys ?? [];
  write(KEY_FAMILIES, keys, keys.map(keyLabelsOf));
  return `${lines.join("\n")}\n`;
}
