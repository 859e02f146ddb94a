/**
 * Reads `pulumi stack export` text into the resources the report looks at, refusing anything else
 * with an error that names where the text came from: a report built from a file that was not an
 * export would be an empty report that looks like good news.
 */

/** One resource of an export, as far as the report reads it. */
export interface ExportedResource {
  urn: string;
  type: string;
  outputs: Record<string, unknown>;
  /** Set on a resource the engine still has to delete (the old one of a replacement). */
  delete?: boolean;
  /**
   * Per input, the URNs of the resources whose outputs went into it (the engine's
   * `propertyDependencies`); read to find the key a certificate was issued for.
   */
  propertyDependencies?: Record<string, string[]>;
  /** The URNs of every resource it depends on (the engine's `dependencies`). */
  dependencies?: string[];
}

/** An export's resources, and where it came from. */
export interface StackExport {
  /** The stack's name (from the CLI), or for a file the stack named by its URNs, else the path. */
  stack: string;
  /** `cli`, a file path, or `-` for standard input. */
  from: string;
  resources: ExportedResource[];
}

/** Thrown when input is not a stack export; the message names the source and what was wrong. */
export class ExportError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = "ExportError";
  }
}

/** Deployment versions `pulumi stack export` has written (apitype.DeploymentV1…V3). */
const KNOWN_VERSIONS = [1, 2, 3];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Parses an export.
 * @param text - what `pulumi stack export` printed
 * @param source - the file path, `-`, or `stack <name>`: named by every error
 * @param stack - the stack's name when known (read through the CLI)
 * @throws ExportError when the text is not JSON or not a stack export
 */
export function parseStackExport(
  text: string,
  source: { from: string; label: string; stack?: string },
): StackExport {
  const fail = (reason: string): never => {
    throw new ExportError(source.label, reason);
  };
  if (text.trim() === "") fail("is empty; expected the JSON `pulumi stack export` prints");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${(error as Error).message}); expected what \`pulumi stack export\` prints`);
  }
  if (!isObject(parsed) || !isObject(parsed.deployment) || !("version" in parsed)) {
    fail(
      "is not a `pulumi stack export` file: expected an object with `version` and `deployment` " +
        `(got ${describe(parsed)})`,
    );
  }
  const { version, deployment } = parsed as {
    version: unknown;
    deployment: Record<string, unknown>;
  };
  if (!KNOWN_VERSIONS.includes(version as number)) {
    fail(`has deployment version ${JSON.stringify(version)}; this report reads versions 1 to 3`);
  }
  const raw = deployment.resources ?? [];
  if (!Array.isArray(raw))
    fail(`has \`deployment.resources\` of ${describe(raw)}; expected a list`);
  const resources = (raw as unknown[]).map((resource, index) => {
    if (
      !isObject(resource) ||
      typeof resource.urn !== "string" ||
      typeof resource.type !== "string"
    )
      fail(
        `deployment.resources[${index}] has no \`urn\` and \`type\` text (got ${describe(resource)})`,
      );
    const { urn, type, outputs, propertyDependencies, dependencies } = resource as Record<
      string,
      unknown
    >;
    if (outputs !== undefined && !isObject(outputs))
      fail(
        `deployment.resources[${index}] (${String(urn)}) has \`outputs\` of ${describe(outputs)}`,
      );
    return {
      urn: urn as string,
      type: type as string,
      outputs: (outputs ?? {}) as Record<string, unknown>,
      delete: (resource as Record<string, unknown>).delete === true,
      propertyDependencies: urnsByInput(propertyDependencies),
      dependencies: urnList(dependencies),
    };
  });
  return {
    stack: source.stack ?? stackOfUrns(resources) ?? source.from,
    from: source.from,
    resources,
  };
}

/**
 * The URN texts of a list, or none. Dependencies only link a certificate to its key, an extra the
 * report can do without: a malformed list (hand-edited state) drops the link, not the report.
 */
function urnList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((urn): urn is string => typeof urn === "string") : [];
}

/** `propertyDependencies` as input name → URNs (see {@link urnList} for a malformed one). */
function urnsByInput(value: unknown): Record<string, string[]> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([input, urns]) => [input, urnList(urns)]));
}

/**
 * `project/stack` from the URNs (`urn:pulumi:<stack>::<project>::…`), as an export file names no
 * stack itself; undefined for an export with no resources.
 */
function stackOfUrns(resources: ExportedResource[]): string | undefined {
  const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(resources[0]?.urn ?? "");
  return match ? `${match[2]}/${match[1]}` : undefined;
}

/** A value's shape in a few words, for errors (never its content: it may be a secret). */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
