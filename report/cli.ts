#!/usr/bin/env node
/**
 * The `certplane` command (package.json `bin`). One subcommand today: `certplane report` (./run.ts).
 * Exit status: 0 done, 1 the `--fail-within` gate tripped, 2 a usage error or unreadable input.
 */
import { parseReportArgs, REPORT_USAGE, UsageError } from "./args";
import { EXIT, runReport } from "./run";

const USAGE = `Usage: certplane <command> [options]

Commands:
  report    what expires when, across stacks (certplane report --help)
`;

/** Standard input's whole text. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Whether to colour: stdout is a terminal and NO_COLOR is unset or empty (no-color.org). */
function wantsColour(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (command !== "report") {
    const seen =
      command === undefined ? "no command" : `unknown command ${JSON.stringify(command)}`;
    process.stderr.write(`certplane: ${seen}; the command is \`report\`\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const args = parseReportArgs(rest, new Date());
    if (args.help) {
      process.stdout.write(REPORT_USAGE);
      return EXIT.ok;
    }
    return await runReport(args, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readStdin,
      colour: wantsColour(),
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`certplane report: ${error.message} (see certplane report --help)\n`);
    return EXIT.usage;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `certplane: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 3;
  },
);
