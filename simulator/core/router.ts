// Method + path-pattern routing for one listener. Patterns are literal segments and `:name`
// parameters, e.g. `/management/v1/users/:userId/pats/:tokenId`; the first matching route wins.
import type { SimRequest } from "./request";
import type { SimResponse } from "./response";

/** HTTP methods a route can answer. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** A route handler: gets the request, returns (or throws a ResponseError carrying) the response. */
export type RouteHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

/** One route: method, pattern and handler. */
export interface Route {
  /** The method this route answers. */
  readonly method: HttpMethod;
  /** The path pattern: literal segments and `:name` parameters. */
  readonly path: string;
  /** The handler. */
  readonly handler: RouteHandler;
}

/** Result of {@link Router.match}. */
export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: HttpMethod[] }
  | { kind: "not-found" };

/**
 * Builds a route (sugar that reads well in a routes list).
 * @param method - HTTP method
 * @param path - pattern, e.g. `/frontdoor/:frontdoorId/client-certificates`
 * @param handler - the handler
 */
export function route(method: HttpMethod, path: string, handler: RouteHandler): Route {
  return { method, path, handler };
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

/** Matches requests against a fixed list of routes. */
export class Router {
  private readonly compiled: CompiledRoute[];

  /** @param routes - the routes, in priority order */
  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((entry) => ({ route: entry, segments: splitPath(entry.path) }));
  }

  /**
   * Finds the route for a request.
   * @param method - upper-case method
   * @param path - URL path without the query
   */
  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allowed: HttpMethod[] = [];
    for (const candidate of this.compiled) {
      const params = matchSegments(candidate.segments, segments);
      if (!params) continue;
      if (candidate.route.method === method)
        return { kind: "found", route: candidate.route, params };
      allowed.push(candidate.route.method);
    }
    return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index];
    const value = actual[index];
    if (expected.startsWith(":")) {
      const decoded = safeDecode(value);
      if (decoded === undefined) return undefined;
      params[expected.slice(1)] = decoded;
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
