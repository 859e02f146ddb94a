/**
 * Every vendor's lifecycle through a real CONNECT proxy on loopback, as users run it (the lifecycle
 * runner spawning the dynamic provider): the quickstart with HTTPS_PROXY set and nothing else
 * changed; every vendor with `connection.proxyUrl` (credentials included, HTTPS_PROXY pointing
 * nowhere); NO_PROXY and `noProxy: "*"` going direct; 407 with and without credentials.
 *
 * HTTPS_PROXY/NO_PROXY are set only for the processes a run starts (the runner's `env`), never in
 * this mocha process. The proxy log must hold CONNECT tunnels only, each opened with a TLS record.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { LifecycleError, LifecycleRunner, type RunResult } from "../../testing";
import { packageNodePath, REPO_ROOT } from "../support/packageLink";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";
import {
  unreachableProxyUrl,
  withLoopbackProxies,
  type LoopbackProxy,
} from "../support/loopbackProxy";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "proxy", "everyVendor.ts");
const PROXY_USER = "ci-egress";
const PROXY_PASSWORD = "Pr0xy-p@ss:word";

/** No proxy from the machine's own environment leaks into a run. */
const NO_STANDARD_PROXY = { HTTPS_PROXY: "", https_proxy: "", NO_PROXY: "", no_proxy: "" };

describe("every vendor through a loopback CONNECT proxy (lifecycle runner)", () => {
  const proxy = withLoopbackProxies();
  const sim = withSimulator();
  const { dir: stateDir } = withScratchDir("certplane-proxy-");
  let nowhere: string;

  /** host:port of each vendor listener, by vendor. */
  const vendorHosts = () =>
    Object.fromEntries(
      ["pca", "zitadel", "appviewx", "netfoundry", "oraclesbc"].map((v) => [
        v,
        new URL(sim.urls[v]).host,
      ]),
    );

  function runner(program: string, stack: string, env: Record<string, string>, config = {}) {
    return new LifecycleRunner({
      program,
      stack,
      stateDir,
      config,
      env: { ...sim.env, ...NO_STANDARD_PROXY, ...env },
      nodePath: [packageNodePath()],
      fakes: path.join(REPO_ROOT, "tools", "devkit", "tlsFakes.ts"),
    });
  }

  /** Only CONNECT tunnels, all opened, each starting with a TLS handshake record; and to whom. */
  function tunnelTargets(p: LoopbackProxy): string[] {
    for (const entry of p.log) {
      assert.equal(
        entry.method,
        "CONNECT",
        `a plaintext ${entry.method} ${entry.target} crossed the proxy`,
      );
      assert.equal(entry.status, 200, JSON.stringify(entry));
      if (entry.firstTunnelByte !== undefined) assert.equal(entry.firstTunnelByte, 0x16);
    }
    return [...new Set(p.log.map((e) => e.target))].sort();
  }

  /** No credential the simulator issued crossed the proxy readable. */
  function assertNoPlaintextSecrets(p: LoopbackProxy) {
    const relayed = p.tunnelBytes().toString("latin1");
    assert.ok(relayed.length > 0);
    for (const name of [
      "CERTPLANE_PCA_TOKEN",
      "CERTPLANE_NETFOUNDRY_TOKEN",
      "CERTPLANE_ORACLESBC_PASSWORD",
      "CERTPLANE_APPVIEWX_REVOCATION_PASSWORD",
    ]) {
      assert.equal(
        relayed.includes(sim.env[name]),
        false,
        `${name} crossed the proxy in plaintext`,
      );
    }
    assert.equal(relayed.includes("Authorization:"), false);
  }

  before(async () => {
    nowhere = await unreachableProxyUrl();
  });

  it("the quickstart with HTTPS_PROXY set and nothing else changed: up, a no-op up, destroy", async () => {
    const p = await proxy();
    const quickstart = runner(
      path.join(REPO_ROOT, "examples", "quickstart", "index.ts"),
      "quickstart",
      {
        HTTPS_PROXY: p.url,
      },
    );
    const up = await quickstart.up();
    assert.equal(up.counts.create, 13);
    assert.deepEqual(tunnelTargets(p), Object.values(vendorHosts()).sort());
    assertNoPlaintextSecrets(p);
    assert.equal((await quickstart.up()).changes, 0);
    await quickstart.destroy();
    assert.deepEqual((await quickstart.state()).resources, []);
    tunnelTargets(p);
  });

  it("the quickstart with certplane:<vendor>ProxyUrl stack config per connection; HTTPS_PROXY points nowhere", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const secretProxy = { secret: p.urlWith(PROXY_USER, PROXY_PASSWORD) };
    const config = Object.fromEntries(
      ["pca", "zitadel", "appviewx", "netfoundry", "oraclesbc"].map((v) => [
        `certplane:${v}ProxyUrl`,
        secretProxy,
      ]),
    );
    const quickstart = runner(
      path.join(REPO_ROOT, "examples", "quickstart", "index.ts"),
      "quickstart-config",
      { HTTPS_PROXY: nowhere },
      config,
    );
    const up = await quickstart.up();
    assert.equal(up.counts.create, 13);
    assert.deepEqual(tunnelTargets(p), Object.values(vendorHosts()).sort());
    assert.ok(p.log.every((e) => e.sentCredentials));
    assertNowhere(up, [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD), secretProxy.secret]);
    await quickstart.destroy();
  });

  it("connection.proxyUrl with credentials on every vendor (mTLS included); HTTPS_PROXY points nowhere", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const proxyUrl = p.urlWith(PROXY_USER, PROXY_PASSWORD);
    const stack = runner(PROGRAM, "per-connection", { HTTPS_PROXY: nowhere }, { proxyUrl });
    const up = await stack.up();
    assert.equal(up.counts.create, 6);
    assert.equal(up.outputs.pcaValidated, true, "PCA validated the certificate over mTLS");
    assert.deepEqual(tunnelTargets(p), Object.values(vendorHosts()).sort());
    assert.ok(p.log.every((e) => e.sentCredentials));
    assertNoPlaintextSecrets(p);
    // The SDK made the credentialed proxyUrl a secret: state holds it only encrypted.
    for (const resource of up.resources) {
      if (resource.type.endsWith(":CertificateRequest")) continue;
      assert.ok(
        resource.secretInputs.includes("connection"),
        `${resource.name}: connection not secret`,
      );
    }
    assertNowhere(up, [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD), proxyUrl]);
    assert.equal((await stack.up()).changes, 0);
    const destroyed = await stack.destroy();
    assertNowhere(destroyed, [PROXY_PASSWORD, encodeURIComponent(PROXY_PASSWORD)]);
  });

  it("NO_PROXY listing the vendors, or connection.noProxy '*', goes direct past a dead HTTPS_PROXY", async () => {
    const listed = runner(PROGRAM, "no-proxy-env", {
      HTTPS_PROXY: nowhere,
      NO_PROXY: "localhost,127.0.0.1",
    });
    assert.equal((await listed.up()).counts.create, 6);
    await listed.destroy();
    const star = runner(PROGRAM, "no-proxy-star", { HTTPS_PROXY: nowhere }, { noProxy: "*" });
    assert.equal((await star.up()).counts.create, 6);
    await star.destroy();
  });

  it("407 without credentials: the run fails with the proxy named and the fix, nothing reached the vendor", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    sim.resetCounts();
    const stack = runner(PROGRAM, "proxy-407", { HTTPS_PROXY: p.url }, { vendors: "pca" });
    const error = await failed(stack.up());
    const pca = error.errors.find(
      (e) => e.name === "svc" && e.type?.endsWith("PcaSignedCertificate"),
    );
    assert.match(
      pca?.message ?? "",
      new RegExp(
        `PCA \\(EPROXYAUTH\\): the proxy ${escape(p.url)} \\(proxyUrl from environment variable HTTPS_PROXY\\) ` +
          `refused the tunnel to ${escape(vendorHosts().pca)}: HTTP 407 Proxy Authentication Required\\. ` +
          `Fix: the proxy requires authentication: give it in the proxy URL, http://user:password@${escape(new URL(p.url).host)}, ` +
          `in environment variable HTTPS_PROXY\\.`,
      ),
    );
    assert.equal(sim.countOf({ vendor: "pca" }), 0);
    assert.deepEqual(
      p.log.map((e) => [e.method, e.status, e.sentCredentials]),
      [["CONNECT", 407, false]],
    );
  });

  it("407 with wrong credentials: says they were rejected; the wrong password is nowhere", async () => {
    const p = await proxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    const wrongPassword = "not-the-Pr0xy-password";
    const wrong = p.urlWith(PROXY_USER, wrongPassword);
    const stack = runner(PROGRAM, "proxy-407-wrong", { HTTPS_PROXY: wrong }, { vendors: "pca" });
    const error = await failed(stack.up());
    assert.match(
      error.message,
      /the proxy http:\/\/127\.0\.0\.1:\d+ \(proxyUrl from environment variable HTTPS_PROXY\) refused the tunnel to 127\.0\.0\.1:\d+: HTTP 407/,
    );
    assert.match(
      error.message,
      /Fix: the proxy rejected the user and password in the proxy URL; correct them in environment variable HTTPS_PROXY/,
    );
    assertNowhere(error.result, [wrongPassword, wrong]);
    assert.equal(error.message.includes(wrongPassword), false);
    assert.deepEqual(
      p.log.map((e) => [e.status, e.sentCredentials]),
      [[407, true]],
    );
  });

  /** The run's logs and state file contain none of `secrets`. */
  function assertNowhere(result: RunResult, secrets: string[]) {
    const printed = result.logs.map((line) => line.text).join("\n");
    const state = fs.existsSync(result.stateFile) ? fs.readFileSync(result.stateFile, "utf8") : "";
    for (const secret of secrets) {
      assert.equal(printed.includes(secret), false, `a log line holds ${secret}`);
      assert.equal(state.includes(secret), false, `the state holds ${secret}`);
    }
  }
});

async function failed(run: Promise<unknown>): Promise<LifecycleError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof LifecycleError) return error;
    throw error;
  }
  assert.fail("the run succeeded");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
