// Glob patterns that select requests for faults and counts: `*` matches within one path segment,
// `**` matches across segments, everything else is literal. `/management/v1/users/*/pats` selects
// every user's PAT creation; `**` selects every path.

/**
 * Compiles a glob to an anchored regular expression.
 * @param glob - the pattern, e.g. `/management/v1/users/*\/pats/*`
 */
export function compilePathPattern(glob: string): RegExp {
  let source = "";
  for (let index = 0; index < glob.length; index += 1) {
    const character = glob[index];
    if (character === "*") {
      if (glob[index + 1] === "*") {
        source += ".*";
        index += 1;
      } else {
        source += "[^/]*";
      }
    } else {
      source += character.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/** A request selector: vendor, optional method, optional path glob. */
export interface RequestSelector {
  /** Vendor name, e.g. `"pca"`. */
  vendor: string;
  /** HTTP method (any case); omitted or `"*"` = every method. */
  method?: string;
  /** Path glob (see {@link compilePathPattern}); omitted = every path. */
  path?: string;
}

/**
 * Returns a predicate that tests a request against a selector.
 * @param selector - the selector
 */
export function requestMatcher(
  selector: RequestSelector,
): (vendor: string, method: string, path: string) => boolean {
  const method = selector.method === "*" ? undefined : selector.method?.toUpperCase();
  const pattern = compilePathPattern(selector.path ?? "**");
  return (vendor, requestMethod, path) =>
    vendor === selector.vendor &&
    (method === undefined || method === requestMethod) &&
    pattern.test(path);
}
