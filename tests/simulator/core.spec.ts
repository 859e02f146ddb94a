/**
 * The simulator framework through two vendors: fault injection (each kind, `times`, side effects
 * before/after), request counts, the control API over HTTPS, clock offset, reset, persistence
 * across a restart, and the CLI (prints and writes the env, exits 0 on SIGTERM, listens for it
 * before it prints).
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator } from "../../simulator";
import { REPO_ROOT } from "../support/packageLink";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";
import { request } from "../support/request";

describe("simulator framework", () => {
  const sim = withSimulator({ vendors: ["zitadel"] });
  const { dir } = withScratchDir("certplane-sim-core-");
  afterEach(() => sim.faults.clear());

  const me = () =>
    request(`${sim.env.CERTPLANE_ZITADEL_URL}/auth/v1/users/me`, {
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${sim.env.CERTPLANE_ZITADEL_TOKEN}` },
    });
  const createPat = () =>
    request(
      `${sim.env.CERTPLANE_ZITADEL_URL}/management/v1/users/${sim.credentials.zitadel.machineUserId}/pats`,
      {
        method: "POST",
        ca: sim.caCertPem,
        headers: {
          Authorization: `Bearer ${sim.env.CERTPLANE_ZITADEL_TOKEN}`,
          "Content-Type": "application/json",
        },
        body: "{}",
      },
    );
  const patCount = () => (sim.inventory().vendors.zitadel.pats as unknown[]).length;
  const control = (method: string, pathname: string, body?: unknown) =>
    request(`${sim.controlUrl}${pathname}`, {
      method,
      ca: sim.caCertPem,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("a status fault answers instead of the handler, `times` times, then the vendor answers again", async () => {
    sim.faults.add({
      vendor: "zitadel",
      method: "GET",
      path: "/auth/v1/users/me",
      kind: "status",
      status: 503,
      body: { code: 14, message: "busy" },
      times: 2,
    });
    assert.equal((await me()).status, 503);
    const second = await me();
    assert.deepEqual(
      [second.status, JSON.parse(second.body)],
      [503, { code: 14, message: "busy" }],
    );
    assert.equal((await me()).status, 200);
  });

  it("a reset before the handler has no side effect; after the handler it has", async () => {
    const before = patCount();
    sim.faults.add({
      vendor: "zitadel",
      method: "POST",
      path: "/management/**",
      kind: "reset",
      when: "before",
    });
    await assert.rejects(createPat(), /ECONNRESET|socket hang up/);
    assert.equal(patCount(), before);
    sim.faults.add({
      vendor: "zitadel",
      method: "POST",
      path: "/management/**",
      kind: "reset",
      when: "after",
    });
    await assert.rejects(createPat(), /ECONNRESET|socket hang up/);
    assert.equal(patCount(), before + 1, "the PAT exists although the client saw a reset");
  });

  it("a delay holds the answer; a malformed fault corrupts the body but keeps the status", async () => {
    sim.faults.add({ vendor: "zitadel", path: "/auth/v1/users/me", kind: "delay", ms: 300 });
    const started = Date.now();
    assert.equal((await me()).status, 200);
    assert.ok(Date.now() - started >= 290, "the delay was not applied");

    sim.faults.add({ vendor: "zitadel", path: "/auth/v1/users/me", kind: "malformed" });
    const broken = await me();
    assert.equal(broken.status, 200);
    assert.throws(() => JSON.parse(broken.body));
  });

  it("counts requests by vendor, method and path glob", async () => {
    sim.resetCounts();
    await me();
    await me();
    await createPat();
    assert.equal(sim.countOf({ vendor: "zitadel", method: "GET", path: "/auth/v1/users/me" }), 2);
    assert.equal(sim.countOf({ vendor: "zitadel", method: "POST", path: "/management/**" }), 1);
    assert.equal(sim.countOf({ vendor: "zitadel" }), 3);
  });

  it("the control API: inventory, counts, faults, clock, vendor actions and reset over HTTPS", async () => {
    sim.resetCounts();
    await me();
    const counts = JSON.parse((await control("GET", "/counts?vendor=zitadel&method=GET")).body) as {
      total: number;
    };
    assert.equal(counts.total, 1);

    const armed = await control("POST", "/faults", {
      vendor: "zitadel",
      path: "/auth/**",
      kind: "status",
      status: 500,
    });
    assert.equal(armed.status, 201);
    assert.equal((await me()).status, 500);
    const badFault = await control("POST", "/faults", {
      vendor: "nobody",
      kind: "status",
      status: 500,
    });
    assert.equal(badFault.status, 400);

    const clock = await control("PUT", "/clock", { offsetSeconds: 86_400 });
    assert.equal(JSON.parse(clock.body).offsetSeconds, 86_400);
    assert.ok(Math.abs(sim.now().getTime() - Date.now() - 86_400_000) < 5_000);

    await createPat();
    assert.ok(patCount() > 0);
    const reset = await control("POST", "/reset");
    assert.equal(reset.status, 200);
    assert.equal(patCount(), 0);
    assert.equal(sim.clockOffsetSeconds, 0);
    assert.equal((await me()).status, 200, "reset keeps the seeded token valid");

    const inventory = JSON.parse((await control("GET", "/inventory/zitadel")).body) as {
      users: unknown[];
    };
    assert.equal(inventory.users.length, 2);
    const unknownAction = await control("POST", "/vendors/zitadel/actions/explode", {});
    assert.equal(unknownAction.status, 404);
  });

  it("persists CA, tokens, inventory and clock offset across a restart with a state file", async () => {
    const statePath = path.join(dir, "state.json");
    const first = await startSimulator({
      vendors: ["pca", "zitadel"],
      statePath,
      clockOffsetSeconds: 120,
    });
    const env = { ...first.env };
    await first.stop();
    assert.equal(
      fs.statSync(statePath).mode & 0o777,
      0o600,
      "the state file holds keys: mode 0600",
    );

    const second = await startSimulator({ vendors: ["pca", "zitadel"], statePath });
    try {
      assert.equal(second.caCertPem, env.CERTPLANE_SIMULATOR_CA_CERT_PEM);
      assert.equal(second.env.CERTPLANE_PCA_TOKEN, env.CERTPLANE_PCA_TOKEN);
      assert.equal(second.env.CERTPLANE_ZITADEL_TOKEN, env.CERTPLANE_ZITADEL_TOKEN);
      assert.equal(second.clockOffsetSeconds, 120);
    } finally {
      await second.stop();
    }
  });

  it("the CLI prints and writes the environment, then exits 0 on SIGTERM", async function () {
    this.timeout(60_000);
    const envFile = path.join(dir, "sim.env");
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "simulator", "cli.js"), "--quiet", "--write-env", envFile],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    try {
      for (let i = 0; i < 100 && !stdout.includes("CERTPLANE_SIMULATOR_CONTROL_URL="); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const name of [
        "CERTPLANE_PCA_URL",
        "CERTPLANE_PCA_TOKEN",
        "CERTPLANE_PCA_CA_CERT_PEM",
        "CERTPLANE_ZITADEL_URL",
        "CERTPLANE_ZITADEL_TOKEN",
        "CERTPLANE_SIMULATOR_CONTROL_URL",
      ]) {
        assert.match(stdout, new RegExp(`^${name}=`, "m"));
      }
      assert.match(
        stdout,
        /^CERTPLANE_PCA_CA_CERT_PEM="-----BEGIN CERTIFICATE-----\\n[^\n]+\\n-----END CERTIFICATE-----"$/m,
      );
      assert.equal(fs.readFileSync(envFile, "utf8"), stdout);
      assert.equal(fs.statSync(envFile).mode & 0o777, 0o600);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0);
  });

  it("the CLI listens for SIGINT and SIGTERM before it prints the environment", async function () {
    this.timeout(60_000);
    const preload = path.join(
      REPO_ROOT,
      "tests",
      "fixtures",
      "simulator",
      "signalListenersAtFirstPrint.cjs",
    );
    const child = spawn(
      process.execPath,
      ["--require", preload, path.join(REPO_ROOT, "dist", "simulator", "cli.js"), "--quiet"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Stopped at its first byte of output, as a supervisor that reads the environment would.
    child.stdout.once("data", () => child.kill("SIGTERM"));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    assert.match(stderr, /^listeners at first print: SIGINT=1 SIGTERM=1$/m);
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(stderr, /^SIGTERM: stopping$/m);
  });
});
