/**
 * Connection resolution: each field of a vendor's `ConnectionArgs` comes from the resource argument,
 * else stack config `certplane:<vendor><Field>`, else the environment `CERTPLANE_<VENDOR>_<FIELD>`,
 * else a documented default (which may itself be derived from another vendor's resolved field, as
 * Zitadel's URL and token are from PCA's).
 *
 * Every resolved field remembers where it came from, so an error can say "the token from environment
 * variable CERTPLANE_PCA_TOKEN was rejected" instead of leaving the user to guess which one is stale.
 */
import * as fs from "node:fs";
import { CertplaneError } from "./errors";
import { registerSecret } from "./redact";
import { stackConfigValue } from "./stackConfig";

/** The prefixes of config keys and environment variables: each vendor's, and the PKCS#11 token's. */
export type VendorPrefix = "pca" | "zitadel" | "appviewx" | "netfoundry" | "oraclesbc" | "pkcs11";

/** How one connection field is read. */
export interface ConnectionFieldSpec {
  /** camelCase name as in `ConnectionArgs`, e.g. `caCertPem`. */
  name: string;
  kind: "string" | "boolean" | "number";
  /** Never printed; registered for redaction once resolved. */
  secret?: boolean;
  /**
   * Registers the secret parts of a value that is not secret as a whole (a proxy URL's
   * `user:password@`), instead of `secret`.
   */
  registerSecrets?: (value: string) => void;
  /** A PEM: from config or env it may be the PEM, the PEM with `\n` escapes, or a file path. */
  pem?: boolean;
  /** Used when no source sets the field; a function sees the fields resolved before this one. */
  fallback?: FieldFallback;
}

/** A default value, or a function deriving one from earlier fields (and other vendors' connections). */
export type FieldFallback =
  | string
  | number
  | boolean
  | ((resolved: Record<string, ResolvedField>) => ResolvedField | undefined);

/** Where a resolved value came from. */
export type FieldSource =
  | { kind: "arg"; property: string }
  | { kind: "config"; key: string }
  | { kind: "env"; name: string }
  | { kind: "default"; description?: string }
  | { kind: "unset" };

/** One resolved field. */
export interface ResolvedField {
  value: string | number | boolean | undefined;
  source: FieldSource;
}

/** A resolved connection: values plus their sources. */
export interface ResolvedConnection {
  prefix: VendorPrefix;
  fields: Record<string, ResolvedField>;
}

/** Stack config key for a field: `certplane:pcaCaCertPem`. */
export function configKey(prefix: VendorPrefix, field: string): string {
  return `certplane:${prefix}${field.charAt(0).toUpperCase()}${field.slice(1)}`;
}

/** Environment variable for a field: `CERTPLANE_PCA_CA_CERT_PEM`. */
export function envName(prefix: VendorPrefix, field: string): string {
  const snake = field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  return `CERTPLANE_${prefix.toUpperCase()}_${snake}`;
}

/** Human wording of a source, for messages: "environment variable CERTPLANE_PCA_TOKEN". */
export function describeSource(source: FieldSource): string {
  switch (source.kind) {
    case "arg":
      return `resource argument ${source.property}`;
    case "config":
      return `stack config ${source.key}`;
    case "env":
      return `environment variable ${source.name}`;
    case "default":
      return source.description ?? "the default";
    case "unset":
      return "nowhere (not set)";
  }
}

/** "connection.caCertPem, stack config certplane:pcaCaCertPem or environment variable CERTPLANE_PCA_CA_CERT_PEM". */
export function whereToSet(prefix: VendorPrefix, field: string, argPath = "connection"): string {
  return `${argPath}.${field}, stack config ${configKey(prefix, field)} or environment variable ${envName(prefix, field)}`;
}

/**
 * Resolves every field in `specs` for `prefix`, in order, from `args` (the resource's `connection`
 * input), stack config and the environment.
 *
 * @param argPath - the Args property holding the connection, for messages.
 * @default argPath "connection"
 */
export function resolveConnection(
  prefix: VendorPrefix,
  specs: readonly ConnectionFieldSpec[],
  args: Record<string, unknown> | undefined,
  argPath = "connection",
): ResolvedConnection {
  const fields: Record<string, ResolvedField> = {};
  for (const spec of specs) {
    const field = resolveField(prefix, spec, args, argPath, fields);
    if (typeof field.value === "string") {
      if (spec.secret) registerSecret(field.value);
      spec.registerSecrets?.(field.value);
    }
    fields[spec.name] = field;
  }
  return { prefix, fields };
}

function resolveField(
  prefix: VendorPrefix,
  spec: ConnectionFieldSpec,
  args: Record<string, unknown> | undefined,
  argPath: string,
  resolved: Record<string, ResolvedField>,
): ResolvedField {
  const argValue = args?.[spec.name];
  if (argValue !== undefined && argValue !== null && argValue !== "") {
    const source: FieldSource = { kind: "arg", property: `${argPath}.${spec.name}` };
    return { value: coerce(spec, argValue, source), source };
  }
  const key = configKey(prefix, spec.name);
  const fromConfig = stackConfigValue(key);
  if (fromConfig !== undefined) {
    const source: FieldSource = { kind: "config", key };
    return { value: coerce(spec, fromConfig, source), source };
  }
  const env = envName(prefix, spec.name);
  const fromEnv = process.env[env];
  if (fromEnv !== undefined && fromEnv !== "") {
    const source: FieldSource = { kind: "env", name: env };
    return { value: coerce(spec, fromEnv, source), source };
  }
  if (spec.fallback !== undefined) {
    if (typeof spec.fallback === "function") {
      const derived = spec.fallback(resolved);
      if (derived) return derived;
    } else {
      return { value: spec.fallback, source: { kind: "default" } };
    }
  }
  return { value: undefined, source: { kind: "unset" } };
}

function coerce(
  spec: ConnectionFieldSpec,
  raw: unknown,
  source: FieldSource,
): string | number | boolean {
  const where = describeSource(source);
  if (spec.kind === "boolean") {
    if (typeof raw === "boolean") return raw;
    const text = String(raw).trim().toLowerCase();
    if (text === "true" || text === "1" || text === "yes") return true;
    if (text === "false" || text === "0" || text === "no") return false;
    throw new CertplaneError(
      `${spec.name} from ${where} must be true or false; got "${String(raw)}".`,
    );
  }
  if (spec.kind === "number") {
    const n = typeof raw === "number" ? raw : Number(String(raw).trim());
    if (!Number.isFinite(n) || n <= 0) {
      throw new CertplaneError(
        `${spec.name} from ${where} must be a positive number; got "${String(raw)}".`,
      );
    }
    return n;
  }
  const text = String(raw);
  return spec.pem ? readPem(text, spec, where) : text;
}

/**
 * A PEM value as given: the PEM itself, the PEM with literal `\n` escapes (as env files and CI
 * secrets often carry it), or the path of a file holding it.
 */
export function readPem(
  text: string,
  spec: Pick<ConnectionFieldSpec, "name" | "secret">,
  where: string,
): string {
  const trimmed = text.trim();
  if (trimmed.includes("-----BEGIN ")) return unescapeNewlines(trimmed) + "\n";
  if (trimmed.length > 0 && trimmed.length < 4096 && !trimmed.includes("\n")) {
    try {
      const content = fs.readFileSync(trimmed, "utf8");
      if (content.includes("-----BEGIN ")) return content.trim() + "\n";
      throw new CertplaneError(
        `${spec.name} from ${where}: the file "${trimmed}" holds no PEM block.`,
      );
    } catch (err) {
      if (err instanceof CertplaneError) throw err;
      const shown = spec.secret ? "(value hidden)" : `"${trimmed}"`;
      throw new CertplaneError(
        `${spec.name} from ${where} is neither a PEM nor a readable file path; got ${shown}. ` +
          `Give the PEM text (newlines may be written as \\n) or the path of a PEM file.`,
      );
    }
  }
  throw new CertplaneError(`${spec.name} from ${where} is not a PEM (no "-----BEGIN" line).`);
}

function unescapeNewlines(text: string): string {
  return text.includes("\\n") ? text.replace(/\\r\\n|\\n/g, "\n") : text.replace(/\r\n/g, "\n");
}

/** The string value of a resolved field, or undefined. */
export function stringField(conn: ResolvedConnection, name: string): string | undefined {
  const v = conn.fields[name]?.value;
  return typeof v === "string" ? v : undefined;
}

/** The boolean value of a resolved field (false when unset). */
export function booleanField(conn: ResolvedConnection, name: string): boolean {
  return conn.fields[name]?.value === true;
}

/**
 * The number value of a resolved field. Every number field has a default in the schema, so an
 * unresolved one is a programming error (a field missing from the connection type), not user input.
 */
export function numberField(conn: ResolvedConnection, name: string): number {
  const v = conn.fields[name]?.value;
  if (typeof v !== "number")
    throw new Error(
      `${conn.prefix} connection field ${name} resolved to no number: give it a default in schema/schema.json`,
    );
  return v;
}

/** Where a field's value came from, in words. */
export function sourceOf(conn: ResolvedConnection, name: string): string {
  return describeSource(conn.fields[name]?.source ?? { kind: "unset" });
}

/**
 * Throws a clear error naming every place a required field can be set, when it is set nowhere.
 */
export function requireField(
  conn: ResolvedConnection,
  name: string,
  argPath = "connection",
): string {
  const v = stringField(conn, name);
  if (v === undefined) {
    throw new CertplaneError(
      `${vendorLabel(conn.prefix)} ${name} is not set. Set ${whereToSet(conn.prefix, name, argPath)}.`,
    );
  }
  return v;
}

/** Display name of a vendor prefix. */
export function vendorLabel(prefix: VendorPrefix): string {
  return {
    pca: "PCA",
    zitadel: "Zitadel",
    appviewx: "AppViewX",
    netfoundry: "NetFoundry",
    oraclesbc: "Oracle SBC",
    pkcs11: "PKCS#11",
  }[prefix];
}
