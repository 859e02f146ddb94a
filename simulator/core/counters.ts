// Request counting per vendor, method and concrete path, so tests can assert what a client sent.
import { requestMatcher, type RequestSelector } from "./pathPattern";

/** How many requests one vendor received for one method + path. */
export interface RequestCount {
  /** Vendor name. */
  vendor: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Concrete URL path (no query). */
  path: string;
  /** Number of requests received, faulted ones included. */
  count: number;
}

/** Counts requests as they arrive (before faults or routing, so every attempt is seen). */
export class RequestCounter {
  private readonly counts = new Map<string, RequestCount>();

  /**
   * Counts one request.
   * @param vendor - vendor name
   * @param method - upper-case method
   * @param path - URL path without the query
   */
  record(vendor: string, method: string, path: string): void {
    const key = `${vendor} ${method} ${path}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { vendor, method, path, count: 1 });
  }

  /** Every count, sorted by vendor, path, method. */
  list(): RequestCount[] {
    return [...this.counts.values()]
      .map((entry) => ({ ...entry }))
      .sort(
        (a, b) =>
          a.vendor.localeCompare(b.vendor) ||
          a.path.localeCompare(b.path) ||
          a.method.localeCompare(b.method),
      );
  }

  /**
   * Sum of counts matching a selector (path is a glob, method optional).
   * @param selector - vendor, method and path glob
   */
  total(selector: RequestSelector): number {
    const matches = requestMatcher(selector);
    let total = 0;
    for (const entry of this.counts.values()) {
      if (matches(entry.vendor, entry.method, entry.path)) total += entry.count;
    }
    return total;
  }

  /** Forgets every count. */
  reset(): void {
    this.counts.clear();
  }
}
