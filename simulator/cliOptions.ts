// The simulator CLI's flags: `certplane-simulator [--] [--write-env FILE] [--state FILE] [--host H]
// [--port-base N] [--vendors a,b] [--quiet]`. (Not `--env-file`: under npx, Node takes that flag.)

/** Parsed CLI flags. */
export interface CliOptions {
  writeEnv?: string;
  state?: string;
  host?: string;
  portBase?: number;
  vendors?: string[];
  quiet: boolean;
}

/** Printed for `--help` and after a bad flag. */
export const CLI_USAGE = `usage: certplane-simulator [--] [--write-env FILE] [--state FILE] [--host H] [--port-base N] [--vendors a,b] [--quiet]
  --write-env FILE  also write the CERTPLANE_* environment to FILE (dotenv; PEMs double-quoted with \\n escapes)
  --state FILE      load state from FILE if it exists and save to it (CA, tokens, inventory, clock offset)
  --host H          address to listen on (default 127.0.0.1)
  --port-base N     control API on N, pca N+1, zitadel N+2, appviewx N+3, netfoundry N+4, oraclesbc N+5
                    (default: free ports)
  --vendors a,b     start only these vendors (and what they require)
  --quiet           do not log requests to stderr
  --                accepted and skipped (as npx passes it through): the flags after it still apply`;

const VALUE_FLAGS = new Set(["--write-env", "--state", "--host", "--port-base", "--vendors"]);

/**
 * Parses argv (without node and the script).
 * @throws Error naming the flag, the value and what is allowed
 */
export function parseCliOptions(argv: readonly string[]): CliOptions | "help" {
  const options: CliOptions = { quiet: false };
  for (let i = 0; i < argv.length; i++) {
    // `--` is the end-of-options marker wrappers such as npx hand through
    // (`npx certplane-simulator -- --write-env sim.env`). This CLI takes no operands, so nothing
    // after it could be one: skip the marker and read on.
    if (argv[i] === "--") continue;
    const [flag, inline] = argv[i].startsWith("--") ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
    if (flag === "--help" || flag === "-h") return "help";
    if (flag === "--quiet") {
      options.quiet = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag))
      throw new Error(`unknown flag ${JSON.stringify(argv[i])}\n${CLI_USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new Error(`${flag} needs a value\n${CLI_USAGE}`);
    if (flag === "--write-env") options.writeEnv = value;
    else if (flag === "--state") options.state = value;
    else if (flag === "--host") options.host = value;
    else if (flag === "--vendors") options.vendors = value.split(",").filter(Boolean);
    else {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65_525) {
        throw new Error(
          `--port-base must be an integer from 1 to 65525; got ${JSON.stringify(value)}`,
        );
      }
      options.portBase = port;
    }
  }
  return options;
}
