// Renders the simulator's environment as a dotenv file: plain values bare, anything with spaces,
// quotes or newlines (PEMs) double-quoted with `\n` escapes, as dotenv loaders and the provider's
// `\n`-escaped PEM support both read.

const BARE_VALUE = /^[A-Za-z0-9_.:/@+=,-]*$/;

/**
 * Quotes one value for a dotenv file.
 * @param value - the raw value
 */
export function dotenvValue(value: string): string {
  if (BARE_VALUE.test(value)) return value;
  const escaped = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n");
  return `"${escaped}"`;
}

/**
 * Renders variables (in the given order) preceded by `# ` comment lines.
 * @param variables - name → value
 * @param comments - lines written as comments first
 */
export function formatDotenv(
  variables: Readonly<Record<string, string>>,
  comments: readonly string[] = [],
): string {
  const lines = comments.map((comment) => `# ${comment}`);
  for (const [name, value] of Object.entries(variables))
    lines.push(`${name}=${dotenvValue(value)}`);
  return `${lines.join("\n")}\n`;
}
