/**
 * `certplane report`'s command line: flags parsed strictly, each checked and, when wrong, refused
 * with a {@link UsageError} naming the flag, the value seen and what it accepts (the CLI exits 2).
 */
import { parseArgs } from "node:util";
import { DURATION_FORMAT, parseDurationHours } from "./duration";

/** The default `--warn-within`: a month, longer than any renewal window certplane's docs advise. */
export const DEFAULT_WARN_WITHIN = "30d";

/** A usage error: the message names the flag or argument. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** What the command line asked for. */
export interface ReportArgs {
  help: boolean;
  /** Export files, `-` for standard input. */
  files: string[];
  /** Stacks to read through the CLI (`--stack`, repeatable). */
  stacks: string[];
  /** `--all`: every stack of the backend. */
  all: boolean;
  format: "table" | "json" | "prometheus";
  /** `--html FILE`. */
  html?: string;
  warnWithinHours: number;
  /** `--fail-within`, when given. */
  failWithinHours?: number;
  /** `--at`, else now. */
  at: Date;
  /** `--cwd`: where the Pulumi CLI runs. */
  cwd?: string;
}

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  stack: { type: "string", short: "s", multiple: true },
  all: { type: "boolean" },
  json: { type: "boolean" },
  prometheus: { type: "boolean" },
  html: { type: "string" },
  "warn-within": { type: "string" },
  "fail-within": { type: "string" },
  at: { type: "string" },
  cwd: { type: "string", short: "C" },
} as const;

/** RFC 3339 date-time: a date, `T`, a time to the second (fraction optional), `Z` or an offset. */
const RFC3339 = /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;

function duration(flag: string, value: string): number {
  const hours = parseDurationHours(value);
  if (hours === undefined) {
    throw new UsageError(
      `--${flag} ${JSON.stringify(value)} is not a duration: use ${DURATION_FORMAT}`,
    );
  }
  return hours;
}

/**
 * Parses `certplane report`'s arguments (after `report`).
 * @param now - the instant `--at` defaults to
 * @throws UsageError naming the bad flag or argument
 */
export function parseReportArgs(argv: readonly string[], now: Date): ReportArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message for an unknown flag is long and about `--`; name the flag plainly instead.
    const { code, message } = error as NodeJS.ErrnoException;
    const flag = /'([^']+)'/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag) {
      throw new UsageError(`unknown flag ${flag}`);
    }
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  const stacks = values.stack ?? [];
  if (values.json && values.prometheus) {
    throw new UsageError("--json and --prometheus cannot be combined: choose one output format");
  }
  if (values.all && stacks.length > 0) {
    throw new UsageError("--all and --stack cannot be combined: --all already reads every stack");
  }
  for (const name of stacks) {
    if (name.trim() === "") throw new UsageError('--stack "" is empty: give a stack name');
  }
  if (values.html === "") throw new UsageError('--html "" is empty: give the page\'s file path');
  if (positionals.filter((file) => file === "-").length > 1) {
    throw new UsageError("- (standard input) is given twice: it can be read once");
  }
  let at = now;
  if (values.at !== undefined) {
    at = new Date(values.at);
    if (!RFC3339.test(values.at) || Number.isNaN(at.getTime())) {
      throw new UsageError(
        `--at ${JSON.stringify(values.at)} is not an RFC 3339 time: use e.g. 2027-01-31T00:00:00Z`,
      );
    }
  }
  const help = values.help === true;
  if (!help && positionals.length === 0 && stacks.length === 0 && !values.all) {
    throw new UsageError(
      "nothing to read: give export files (or - for standard input), --stack NAME or --all",
    );
  }
  return {
    help,
    files: positionals,
    stacks,
    all: values.all === true,
    format: values.json ? "json" : values.prometheus ? "prometheus" : "table",
    html: values.html,
    warnWithinHours: duration("warn-within", values["warn-within"] ?? DEFAULT_WARN_WITHIN),
    failWithinHours:
      values["fail-within"] === undefined
        ? undefined
        : duration("fail-within", values["fail-within"]),
    at,
    cwd: values.cwd,
  };
}

/** `certplane report --help`. */
export const REPORT_USAGE = `Usage: certplane report [options] [EXPORT_FILE... | -]

Lists every certificate and token certplane manages (and @pulumi/tls certificates), read from
stack exports, with its expiry, renewal window and status: expired, renewal due, expiring, ok;
and, for a certificate whose key a CertificateRequest made (rotateAfterHours), when the key was
made and when it rotates ("key rotation due" once the next pulumi up rotates it). Keys that no
certificate of their stack was issued for are listed after the certificates.

Where from (any mix of files and stacks):
  EXPORT_FILE...        files written by \`pulumi stack export\`; - reads standard input
  --stack, -s NAME      a stack, read through the Pulumi CLI on PATH (repeatable)
  --all                 every stack of the current backend (\`pulumi stack ls --all\`)
  --cwd, -C DIR         the folder the Pulumi CLI runs in (default: the current folder)

Output (default: a table sorted by expiry, coloured on a terminal unless NO_COLOR is set):
  --json                the report as JSON (formatVersion 1; see docs/report.md)
  --prometheus          Prometheus text exposition format, for the node exporter's textfile collector
  --html FILE           also write a self-contained HTML page with a timeline to FILE

Status:
  --warn-within D       "expiring" when not-after is within D (default ${DEFAULT_WARN_WITHIN})
  --fail-within D       exit 1 when anything is expired or expires within D (a CI gate)
  --at TIME             compute statuses at this RFC 3339 instant (default: now)
  -h, --help            this help

Durations: a whole number followed by h, d or w (12h, 30d, 2w).
Exit status: 0 done; 1 --fail-within tripped; 2 usage error or unreadable input.
`;
