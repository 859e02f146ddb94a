/**
 * The report as Prometheus text exposition format (version 0.0.4), for the node exporter's textfile
 * collector: one gauge family per fact, each with HELP and TYPE, one sample per row, labelled
 * `stack`, `name`, `urn`, `type`, `kind`, `vendor`, `subject`, `serial`. Names follow Prometheus's
 * conventions: base units (seconds), `_timestamp_seconds` for instants, 0/1 gauges for states.
 */
import type { Report, ReportRow } from "../model";

/** One metric family: its name, help, and the value of each row (undefined: no sample). */
interface Family {
  name: string;
  help: string;
  value: (row: ReportRow, atMs: number) => number | undefined;
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
];

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

/** The label set of a row, in a fixed order. */
function labelsOf(row: ReportRow): string {
  const labels: [string, string][] = [
    ["stack", row.stack],
    ["name", row.name],
    ["urn", row.urn],
    ["type", row.type],
    ["kind", row.kind],
    ["vendor", row.vendor],
    ["subject", row.subject],
    ["serial", row.serial ?? ""],
  ];
  return labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",");
}

function header(name: string, help: string): string[] {
  return [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`];
}

/** The exposition text of a report (ends with a line feed, as the format requires). */
export function renderPrometheus(report: Report): string {
  const atMs = Date.parse(report.generatedAt);
  const lines = [...header(GENERATED.name, GENERATED.help), `${GENERATED.name} ${atMs / 1000}`];
  const labels = report.rows.map(labelsOf);
  for (const family of ROW_FAMILIES) {
    lines.push(...header(family.name, family.help));
    report.rows.forEach((row, index) => {
      const value = family.value(row, atMs);
      if (value !== undefined) lines.push(`${family.name}{${labels[index]}} ${value}`);
    });
  }
  return `${lines.join("\n")}\n`;
}
