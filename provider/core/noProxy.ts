/**
 * `NO_PROXY` matching with the semantics of Go's `golang.org/x/net/http/httpproxy` (what Pulumi and
 * every Go-based provider use), so one `NO_PROXY` value means the same to all of them:
 *
 * - entries are comma-separated, trimmed and case-insensitive; `*` alone bypasses every host;
 * - `example.com` matches that host and its subdomains; `.example.com` and `*.example.com` only its
 *   subdomains;
 * - an IP address matches that address, a CIDR (`10.0.0.0/8`, `fd00::/8`) every address inside it
 *   (IP entries never match host names, nor domain entries IP addresses);
 * - any entry may carry a port (`example.com:8443`, `10.0.0.5:443`, `[::1]:443`), then it matches
 *   that port only; a URL without a port has https' 443.
 *
 * One deliberate difference: Go never proxies `localhost` and loopback addresses; certplane treats
 * them like any host (list them to bypass), so a simulator or test rig on loopback can be reached
 * through a proxy exactly as a vendor would be.
 */
import { BlockList, isIP } from "node:net";

/** One parsed `NO_PROXY` entry. */
type NoProxyRule =
  | { kind: "all" }
  | { kind: "ip"; addresses: BlockList; port?: string }
  | { kind: "domain"; suffix: string; matchesItself: boolean; port?: string };

/** A parsed `NO_PROXY` list. */
export interface NoProxyList {
  readonly rules: readonly NoProxyRule[];
}

/** Parses a `NO_PROXY` value; malformed entries are ignored, as Go does. */
export function parseNoProxy(value: string | undefined): NoProxyList {
  const rules: NoProxyRule[] = [];
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return { rules: [{ kind: "all" }] };
    const rule = parseEntry(entry);
    if (rule) rules.push(rule);
  }
  return { rules };
}

function parseEntry(entry: string): NoProxyRule | undefined {
  const cidr = parseCidr(entry);
  if (cidr) return { kind: "ip", addresses: cidr };
  const { host, port } = splitHostPort(entry);
  if (host === "") return undefined;
  const family = isIP(host);
  if (family !== 0) {
    const addresses = new BlockList();
    addresses.addAddress(host, family === 6 ? "ipv6" : "ipv4");
    return { kind: "ip", addresses, port };
  }
  const name = host.startsWith("*.") ? host.slice(1) : host;
  if (name === "." || name === "") return undefined;
  return name.startsWith(".")
    ? { kind: "domain", suffix: name, matchesItself: false, port }
    : { kind: "domain", suffix: `.${name}`, matchesItself: true, port };
}

function parseCidr(entry: string): BlockList | undefined {
  const slash = entry.indexOf("/");
  if (slash < 0) return undefined;
  const address = entry.slice(0, slash);
  const prefix = entry.slice(slash + 1);
  const family = isIP(address);
  if (family === 0 || !/^\d{1,3}$/.test(prefix)) return undefined;
  const bits = Number(prefix);
  if (bits > (family === 6 ? 128 : 32)) return undefined;
  const list = new BlockList();
  list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  return list;
}

/** `host:port`, `[v6]:port`, a bare v6 address or a bare host. */
function splitHostPort(entry: string): { host: string; port?: string } {
  if (entry.startsWith("[")) {
    const close = entry.indexOf("]");
    if (close < 0) return { host: "" };
    const rest = entry.slice(close + 1);
    const port = rest.startsWith(":") ? rest.slice(1) : undefined;
    return { host: entry.slice(1, close), port: port || undefined };
  }
  const colon = entry.lastIndexOf(":");
  // More than one colon without brackets is a bare IPv6 address.
  if (colon < 0 || entry.indexOf(":") !== colon) return { host: entry };
  return { host: entry.slice(0, colon), port: entry.slice(colon + 1) || undefined };
}

/**
 * Whether a request to `host`:`port` goes direct (true) or through the proxy (false).
 *
 * @param host - the URL's hostname (IPv6 with or without brackets)
 * @param port - the URL's port; "" means https' default, 443
 */
export function bypassesProxy(list: NoProxyList, host: string, port: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  const effectivePort = port === "" ? "443" : port;
  const family = isIP(name);
  return list.rules.some((rule) => {
    switch (rule.kind) {
      case "all":
        return true;
      case "ip":
        return (
          family !== 0 &&
          rule.addresses.check(name, family === 6 ? "ipv6" : "ipv4") &&
          (rule.port === undefined || rule.port === effectivePort)
        );
      case "domain":
        return (
          family === 0 &&
          (name.endsWith(rule.suffix) || (rule.matchesItself && name === rule.suffix.slice(1))) &&
          (rule.port === undefined || rule.port === effectivePort)
        );
    }
  });
}
