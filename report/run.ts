/**
 * `certplane report` from parsed arguments to exit status, with its input and output passed in (so
 * specs run it in-process as well as through ./cli.ts): read the sources, build the report, write
 * the chosen format to stdout and the page to `--html`, warnings and the gate's verdict to stderr.
 */
import * as fs from "node:fs";
import { formatDurationHours } from "./duration";
import { buildReport } from "./buildReport";
import type { Report } from "./model";
import { renderHtmlPage } from "./html/page";
import { exportStacks, listStacks, type PulumiCliOptions } from "./pulumiStacks";
import { renderPrometheus } from "./render/prometheus";
import { renderTable } from "./render/table";
import { printable } from "./render/textWidth";
import type { ReportArgs } from "./args";
import { ExportError, parseStackExport, type StackExport } from "./stackExport";
import { expiresWithin } from "./status";

/** Exit statuses (documented in docs/report.md). */
export const EXIT = { ok: 0, gateTripped: 1, usage: 2 } as const;

/** Where the command reads and writes. */
export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input's whole text (read only when `-` is given). */
  readStdin: () => Promise<string>;
  /** Whether stdout is a terminal that shows colour (and NO_COLOR is not set). */
  colour: boolean;
  pulumi?: PulumiCliOptions;
}

/** Reads one export file (or `-`); an unreadable file is an ExportError naming it. */
async function readFileExport(file: string, io: ReportIo): Promise<StackExport> {
  let text: string;
  try {
    text = file === "-" ? await io.readStdin() : fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder"
          : String(code ?? error);
    throw new ExportError(file, `cannot be read (${why}); expected a \`pulumi stack export\` file`);
  }
  return parseStackExport(text, { from: file, label: file === "-" ? "- (standard input)" : file });
}

/** The exports the arguments name: files first, in order, then stacks. */
async function readSources(args: ReportArgs, io: ReportIo): Promise<StackExport[]> {
  const fromFiles: StackExport[] = [];
  for (const file of args.files) fromFiles.push(await readFileExport(file, io));
  const options = { ...io.pulumi, ...(args.cwd === undefined ? {} : { cwd: args.cwd }) };
  const names = args.all ? await listStacks(options) : args.stacks;
  return [...fromFiles, ...(names.length > 0 ? await exportStacks(names, options) : [])];
}

/** The report in the chosen format. */
function render(report: Report, args: ReportArgs, io: ReportIo): string {
  if (args.format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (args.format === "prometheus") return renderPrometheus(report);
  return renderTable(report, { colour: io.colour });
}

/** The gate's verdict for stderr: the rows that tripped it, soonest first. */
function gateMessage(report: Report, hours: number): { tripped: boolean; message: string } {
  const atMs = Date.parse(report.generatedAt);
  const tripped = report.rows.filter((row) => expiresWithin(Date.parse(row.notAfter), atMs, hours));
  const within = formatDurationHours(hours);
  if (tripped.length === 0) {
    return { tripped: false, message: `certplane report: nothing expires within ${within}\n` };
  }
  const lines = tripped.map(
    (row) =>
      `  ${row.status === "expired" ? "EXPIRED " : "expires "} ${row.notAfter}  ${printable(row.stack)}  ${printable(row.name)}  (${row.type})`,
  );
  return {
    tripped: true,
    message:
      `certplane report: ${tripped.length} expired or expire within ${within} (--fail-within):\n` +
      `${lines.join("\n")}\n`,
  };
}

/**
 * Runs the report; resolves to the exit status. ExportErrors (a bad file, a failed CLI call) are
 * written to stderr and give exit 2; anything else is a bug and rejects.
 */
export async function runReport(args: ReportArgs, io: ReportIo): Promise<number> {
  let stackExports: StackExport[];
  try {
    stackExports = await readSources(args, io);
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    io.stderr(`certplane report: ${error.message}\n`);
    return EXIT.usage;
  }
  const { report, warnings } = buildReport(stackExports, {
    at: args.at,
    warnWithinHours: args.warnWithinHours,
  });
  for (const warning of warnings) io.stderr(`certplane report: warning: ${printable(warning)}\n`);
  const gate =
    args.failWithinHours === undefined ? undefined : gateMessage(report, args.failWithinHours);
  // The rows that trip the gate come first: on stderr before the report (stdout stays the format).
  if (gate?.tripped) io.stderr(gate.message);
  if (args.html !== undefined) {
    try {
      fs.writeFileSync(args.html, renderHtmlPage(report));
    } catch (error) {
      io.stderr(
        `certplane report: --html ${args.html}: cannot write (${(error as NodeJS.ErrnoException).code ?? error})\n`,
      );
      return EXIT.usage;
    }
  }
  io.stdout(render(report, args, io));
  if (gate && !gate.tripped) io.stderr(gate.message);
  return gate?.tripped ? EXIT.gateTripped : EXIT.ok;
}
