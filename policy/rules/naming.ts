/**
 * The naming rules (optional: an organisation fills in its own patterns).
 * - certplane-ssh-principals: no AppViewX SSH certificate for a forbidden principal (`root`), and,
 *   when patterns are given, only principals that match one;
 * - certplane-dns-names: DNS names in certificates (CertificateRequest `dnsNames`, Oracle SBC
 *   `alternateNames` `DNS:` entries) match one of the allowed patterns.
 * A pattern is a name in which `*` stands for any characters but a dot (one DNS label, or part of
 * one) and `**` for any characters: `*.example.com`, `**.corp.example.com`, `deploy-*`. Matching
 * ignores case.
 */
import { certplaneType } from "./certplaneTypes";
import { readList, UNKNOWN, type CertplaneResource } from "./inputs";
import type { ResourceRule } from "./rule";
import type { Violation } from "./violation";

const SSH_CERTIFICATE = certplaneType("certplane:appviewx:SshCertificate");
const CERTIFICATE_REQUEST = certplaneType("certplane:index:CertificateRequest");
const SBC_RECORD = certplaneType("certplane:oraclesbc:CertificateRecord");

/** A pattern as a whole-name, case-insensitive regular expression. */
export function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^.]*"),
    )
    .join(".*");
  return new RegExp(`^${source}$`, "i");
}

/** Whether `name` matches one of `patterns`. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => patternRegExp(pattern).test(name));
}

/** The known string elements of a list input, with their index; none when the list is unknown. */
function knownElements(resource: CertplaneResource, input: string): [number, string][] {
  const list = readList(resource.props, [input]);
  if (list === UNKNOWN || list === undefined) return [];
  return list.flatMap((value, index): [number, string][] =>
    typeof value === "string" ? [[index, value]] : [],
  );
}

/** Options of certplane-ssh-principals. */
export interface SshPrincipalsOptions {
  /** Principals no certificate may name (compared ignoring case). */
  forbidden: string[];
  /** When not empty, every principal must match one of these patterns. */
  allowedPatterns: string[];
}

/** certplane-ssh-principals. */
export const sshPrincipals: ResourceRule<"certplane-ssh-principals", SshPrincipalsOptions> = {
  name: "certplane-ssh-principals",
  scope: "resource",
  description:
    "AppViewX SSH certificates name no forbidden principal (root) and, when patterns are given, only principals that match one.",
  level: "advisory",
  defaults: { forbidden: ["root"], allowedPatterns: [] },
  optionSchemas: {
    forbidden: { type: "array", items: { type: "string" } },
    allowedPatterns: { type: "array", items: { type: "string" } },
  },
  check(resource, options, report) {
    if (resource.type !== SSH_CERTIFICATE) return;
    const forbidden = options.forbidden.map((name) => name.toLowerCase());
    for (const [index, principal] of knownElements(resource, "principals")) {
      const property = `principals[${index}]`;
      if (forbidden.includes(principal.toLowerCase())) {
        report({
          property,
          value: JSON.stringify(principal),
          problem: "a forbidden principal",
          limit: `none of ${options.forbidden.join(", ")} (forbidden)`,
        });
      } else if (
        options.allowedPatterns.length > 0 &&
        !matchesAny(principal, options.allowedPatterns)
      ) {
        report(notAllowed(property, principal, options.allowedPatterns));
      }
    }
  },
};

function notAllowed(property: string, name: string, patterns: readonly string[]): Violation {
  return {
    property,
    value: JSON.stringify(name),
    problem: "a name no pattern allows",
    limit: `a match for one of ${patterns.join(", ")} (allowedPatterns)`,
  };
}

/** Options of certplane-dns-names. */
export interface DnsNamesOptions {
  /** DNS names a certificate may carry; empty: any. */
  allowedPatterns: string[];
}

/** certplane-dns-names. */
export const dnsNames: ResourceRule<"certplane-dns-names", DnsNamesOptions> = {
  name: "certplane-dns-names",
  scope: "resource",
  description:
    "DNS names in certificates (CertificateRequest dnsNames, Oracle SBC alternateNames DNS:) match one of allowedPatterns.",
  level: "disabled",
  defaults: { allowedPatterns: [] },
  optionSchemas: { allowedPatterns: { type: "array", items: { type: "string" } } },
  check(resource, options, report) {
    if (options.allowedPatterns.length === 0) return;
    if (resource.type === CERTIFICATE_REQUEST) {
      for (const [index, name] of knownElements(resource, "dnsNames")) {
        if (!matchesAny(name, options.allowedPatterns)) {
          report(notAllowed(`dnsNames[${index}]`, name, options.allowedPatterns));
        }
      }
    }
    if (resource.type === SBC_RECORD) {
      for (const [index, entry] of knownElements(resource, "alternateNames")) {
        const name = /^DNS:(.*)$/i.exec(entry)?.[1];
        if (name !== undefined && !matchesAny(name, options.allowedPatterns)) {
          report(notAllowed(`alternateNames[${index}]`, entry, options.allowedPatterns));
        }
      }
    }
  },
};
