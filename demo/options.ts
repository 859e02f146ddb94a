/** The demo's command line: `npm run demo -- [--keep] [--engine runner|cli]`. */

/** How the demo drives the program. */
export type Engine = "runner" | "cli";

/** Parsed command line of the demo. */
export interface DemoOptions {
  /** Leave the stack up at the end instead of destroying it. */
  keep: boolean;
  /** `cli` when a Pulumi CLI was found (`make pulumi-cli`'s cache, or PATH) or asked for, else the runner. */
  engine: Engine;
}

/** The usage text printed for `--help` and after a bad flag. */
export const USAGE = `usage: npm run demo -- [--keep] [--engine runner|cli]
  --keep            leave the stack (and its state) up instead of destroying it at the end
  --engine runner   run through certplane's lifecycle runner (the default without a Pulumi CLI)
  --engine cli      run the real \`pulumi up\` against a local file backend (the default when
                    \`make pulumi-cli\` has built the CLI or \`pulumi\` is on PATH)`;

/**
 * Parses the demo's flags.
 * @param argv - the flags (process.argv without node and the script)
 * @param pulumiOnPath - whether a Pulumi CLI was found, which decides the default engine
 */
export function parseOptions(argv: string[], pulumiOnPath: boolean): DemoOptions | "help" {
  const options: DemoOptions = { keep: false, engine: pulumiOnPath ? "cli" : "runner" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--help" || flag === "-h") return "help";
    if (flag === "--keep") options.keep = true;
    else if (flag === "--engine" || flag.startsWith("--engine=")) {
      const value = flag.includes("=") ? flag.slice("--engine=".length) : argv[++i];
      if (value !== "runner" && value !== "cli") {
        throw new Error(
          `--engine must be "runner" or "cli"; got ${JSON.stringify(value)}.\n${USAGE}`,
        );
      }
      options.engine = value;
    } else throw new Error(`unknown flag ${JSON.stringify(flag)}.\n${USAGE}`);
  }
  return options;
}
