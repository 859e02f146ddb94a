/**
 * The one shape of every violation message: which resource, which property, the value seen and the
 * rule's limit — `pca.SignedCertificate "api": certDurationHours is 4380, over the limit: at most
 * 2160 (maxHours).` Values pass through {@link shownValue}, so a secret input (a key, a token, a
 * password) is never printed, and a URL never shows its credentials.
 */
import { configKey, type CertplaneType } from "./certplaneTypes";
import type { CertplaneResource } from "./inputs";

/** What a rule found wrong with one property. */
export interface Violation {
  /** The input, dotted (`connection.proxyUrl`), or `provider config certplane:<key>`. */
  property: string;
  /** The value as {@link shownValue} prints it (or words for a value not set). */
  value: string;
  /** What is wrong, e.g. `over the limit`. */
  problem: string;
  /** The rule's limit and the option that sets it, e.g. `at most 2160 (maxHours)`. */
  limit: string;
}

/** `pca.SignedCertificate "api"`: the type as TypeScript users write it and the resource name. */
export function resourceLabel(resource: Pick<CertplaneResource, "type" | "name">): string {
  return `${resource.type.displayName} ${JSON.stringify(resource.name)}`;
}

/** The message of a violation of `resource`. */
export function violationMessage(
  resource: Pick<CertplaneResource, "type" | "name">,
  violation: Violation,
): string {
  const { property, value, problem, limit } = violation;
  return `${resourceLabel(resource)}: ${property} is ${value}, ${problem}: ${limit}.`;
}

/** Whether the schema marks the input (or connection field, dotted) of `type` secret. */
export function isSecretInput(type: CertplaneType, property: string): boolean {
  const [head, field] = property.split(".");
  if (head === "connection" && field !== undefined) {
    return type.connection?.fields[field]?.secret === true;
  }
  return type.inputs[head]?.secret === true;
}

/** `url` as written, with any user name and password replaced by `***`. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, "$1***@");
}

/**
 * A value as a message may show it: secret inputs as `[secret]`, strings quoted (URLs without their
 * credentials), lists and numbers as written.
 */
export function shownValue(type: CertplaneType, property: string, value: unknown): string {
  if (isSecretInput(type, property)) return "[secret]";
  if (typeof value === "string") {
    return JSON.stringify(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? withoutCredentials(value) : value,
    );
  }
  return JSON.stringify(value) ?? String(value);
}

/** The label of a provider configuration field (`certplane:pcaInsecureSkipTlsVerify`). */
export function providerConfigProperty(prefix: string, field: string): string {
  return `provider config certplane:${configKey(prefix, field)}`;
}
