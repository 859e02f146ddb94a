/**
 * NO_PROXY matching, case by case as Go's httpproxy decides it (x/net/http/httpproxy's tests), plus
 * certplane's one difference: loopback is proxied unless listed.
 */
import { strict as assert } from "node:assert";
import { bypassesProxy, parseNoProxy } from "../../provider/core/noProxy";

/** Whether `url` goes direct under `noProxy`. */
function direct(noProxy: string, url: string): boolean {
  const u = new URL(url);
  return bypassesProxy(parseNoProxy(noProxy), u.hostname, u.port);
}

describe("NO_PROXY matching (Go httpproxy semantics)", () => {
  const cases: Array<[noProxy: string, url: string, goesDirect: boolean]> = [
    ["", "https://example.com", false],
    ["*", "https://anything.example", true],
    ["*", "https://10.1.2.3:8443", true],
    // A bare name: itself and every subdomain, not a longer name that merely ends the same.
    ["example.com", "https://example.com", true],
    ["example.com", "https://api.example.com", true],
    ["example.com", "https://deep.api.example.com", true],
    ["example.com", "https://notexample.com", false],
    ["example.com", "https://example.com.evil.net", false],
    // A leading dot (or "*."): subdomains only.
    [".example.com", "https://example.com", false],
    [".example.com", "https://api.example.com", true],
    ["*.example.com", "https://example.com", false],
    ["*.example.com", "https://api.example.com", true],
    // Case and whitespace do not matter; empty entries are skipped.
    [" , EXAMPLE.com ,", "https://Api.Example.COM", true],
    // Ports: an entry with a port matches that port only; no port in the URL means 443.
    ["example.com:8443", "https://example.com:8443", true],
    ["example.com:8443", "https://example.com", false],
    ["example.com:443", "https://example.com", true],
    // IP addresses match addresses, never names; CIDRs match addresses inside them.
    ["10.0.0.5", "https://10.0.0.5", true],
    ["10.0.0.5", "https://10.0.0.6", false],
    ["10.0.0.5:443", "https://10.0.0.5", true],
    ["10.0.0.5:8443", "https://10.0.0.5", false],
    ["10.0.0.0/8", "https://10.200.3.4:3443", true],
    ["10.0.0.0/8", "https://11.0.0.1", false],
    ["192.168.0.0/16", "https://192.168.1.1", true],
    ["::1", "https://[::1]:8443", true],
    ["[::1]:8443", "https://[::1]:8443", true],
    ["[::1]:8443", "https://[::1]", false],
    ["fd00::/8", "https://[fd12::1]", true],
    ["fd00::/8", "https://[fe80::1]", false],
    ["127.0.0.1", "https://localhost", false],
    // Malformed entries are ignored, not fatal.
    ["10.0.0.0/99,:443,example.com", "https://example.com", true],
    ["10.0.0.0/99", "https://10.0.0.1", false],
    // Unlike Go, loopback is proxied unless listed (so a simulator can be reached via a proxy).
    ["", "https://127.0.0.1:8443", false],
    ["", "https://localhost:8443", false],
    ["localhost,127.0.0.1", "https://127.0.0.1:8443", true],
    ["localhost,127.0.0.1", "https://localhost:8443", true],
  ];
  for (const [noProxy, url, goesDirect] of cases) {
    it(`NO_PROXY=${JSON.stringify(noProxy)}: ${url} ${goesDirect ? "goes direct" : "uses the proxy"}`, () => {
      assert.equal(direct(noProxy, url), goesDirect);
    });
  }
});
