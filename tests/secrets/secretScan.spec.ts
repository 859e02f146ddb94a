/**
 * The consolidated secret scan (issue 8): the quickstart and its consumer run through the lifecycle
 * runner against the in-process simulator — credentials once in the environment, once as secret
 * stack config — up, a second up, refresh, then runs that fail (every vendor answering 401, wrong
 * credentials, an untrusted CA), then destroy. Every secret value (simulator credentials, the wrong
 * ones, the PKCS#12 password, the keys and tokens the stacks produce, and the session credentials
 * the simulator minted: SBC access tokens, AppViewX sessionIds) is then looked for in everything a
 * user or a CI log could see: the raw files of the state folder, each resource's serialized
 * `__provider`, every error message, every log line the runs and the simulator printed, and what a
 * user's test prints (issue 19): every result, LifecycleError, progress event, runner and simulator
 * error written through util.inspect, console.error, String() and JSON.stringify, and mocha's own
 * failure report of a LifecycleError escaping a test in a child mocha. None may appear; a failure
 * names which secret appeared where, never the value.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import forge from "node-forge";
import { startSimulator, type Simulator } from "../../simulator";
import {
  LifecycleError,
  LifecycleRunner,
  revealSecrets,
  type ResourceError,
  type RunResult,
  type RunnerEvent,
  type StackConfig,
} from "../../testing";
import { packageNodePath, REPO_ROOT } from "../support/packageLink";
import { TestCa } from "../support/testCa";
import { printedForms } from "./printed";
import {
  addFolder,
  describeFindings,
  PublicMaterial,
  SecretCatalog,
  stringsIn,
  TextCorpus,
  type Finding,
} from "./scanner";

const EXAMPLES = path.join(REPO_ROOT, "examples");
/** A user's test whose failing up escapes: run in a child mocha for its failure report. */
const ESCAPING_SPEC = path.join(__dirname, "fixtures", "escapingLifecycleError.ts");
/** Longest the child mocha may take (its up fails at the first PCA call). */
const CHILD_MOCHA_TIMEOUT_MS = 90_000;

/** The credentials every simulator run must have; the scan also takes any other secret-looking one. */
const NAMED_SECRET_ENV = [
  "CERTPLANE_PCA_TOKEN",
  "CERTPLANE_ZITADEL_TOKEN",
  "CERTPLANE_NETFOUNDRY_TOKEN",
  "CERTPLANE_ORACLESBC_PASSWORD",
  "CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM",
  "CERTPLANE_APPVIEWX_REVOCATION_PASSWORD",
];
const SECRET_ENV_NAME = /TOKEN|PASSWORD|SECRET|PRIVATE_KEY/;
/** Credential fields in `sim.credentials` (seeded values not in env, e.g. the read-only token). */
const SECRET_CREDENTIAL_NAME = /token|password|secret/i;
/** Outputs that are secrets by their nature even if a resource forgot to mark them. */
const SECRET_OUTPUT_NAME = /^(privateKey(Pem|Openssh|PemPkcs8)?|token|password|clientSecret)$/;

/** Wrong but recognizable credentials for the failing run (b). */
const WRONG_PCA_TOKEN = "WRONG-pca-Token-0815-secretscan";
const WRONG_SBC_PASSWORD = "WRONG-sbc-Password-0815";
/** The consumer's PKCS#12 password (stack config `consumer:pfxPassword`). */
const PFX_PASSWORD = "SECRET-pfx-Password-4711";

/** The credentials the "config" delivery moves from env to secret stack config (README table). */
const CONFIG_DELIVERED: Record<string, string> = {
  CERTPLANE_PCA_TOKEN: "certplane:pcaToken",
  CERTPLANE_NETFOUNDRY_TOKEN: "certplane:netfoundryToken",
  CERTPLANE_ORACLESBC_PASSWORD: "certplane:oraclesbcPassword",
};

/** Vendor of a failing resource, from its type token (for the coverage report). */
const VENDOR_OF_TYPE: [RegExp, string][] = [
  [/PcaPersonalAccessToken$/, "zitadel"],
  [/PcaSignedCertificate$/, "pca"],
  [/AppViewX/, "appviewx"],
  [/NetFoundry/, "netfoundry"],
  [/OracleSbc/, "oraclesbc"],
];

type Delivery = "env" | "config";

/** One failing run: its label and what it reported. */
interface FailedRun {
  label: string;
  errors: ResourceError[];
  vendors: string[];
}

describe("secret scan: the scanner finds what it should and only that", () => {
  it("finds a reflowed key line and a token, names them without their values, skips public-only lines", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const publicMaterial = new PublicMaterial();
    publicMaterial.addText(publicPem);
    const catalog = new SecretCatalog(publicMaterial);
    catalog.add("test key", keyPem);
    catalog.add("test token", "tok_3f9a7c1e55d2");
    catalog.add("too short to scan", "admin");
    // The RSA modulus fills several lines of the PKCS#8 body: those are public and skipped.
    assert.ok(catalog.publicPieces >= 4, `${catalog.publicPieces} public pieces`);
    const corpus = new TextCorpus();
    corpus.add("public key output", publicPem);
    corpus.add("an error quoting the key on one line", keyPem.replace(/\n/g, " "));
    corpus.add("a JSON log line", JSON.stringify({ msg: "login", header: "tok_3f9a7c1e55d2" }));
    corpus.add("a line with the short value", "user admin logged in");

    const findings = corpus.scan(catalog);

    const places = new Set(findings.map((finding) => finding.where));
    assert.deepEqual([...places].sort(), [
      "a JSON log line",
      "an error quoting the key on one line",
    ]);
    const message = describeFindings(findings);
    assert.match(message, /test key \(body line \d+\): an error quoting the key on one line/);
    assert.equal(message.includes("tok_3f9a7c1e55d2"), false, "a finding must not print the value");
  });
});

describe("secret scan: no secret in plain text in state, __provider, errors or logs", function () {
  // Each pass is one test: about 40 s (env) and 25 s (config) on two idle cores, plus the child
  // mocha's up in the env pass; 129 s and 75 s on two cores shared with other suites (load 16).
  this.timeout(300_000);

  let stateDir = "";
  const publicMaterial = new PublicMaterial();
  const catalog = new SecretCatalog(publicMaterial);
  const corpus = new TextCorpus();
  const simulatorLog: string[] = [];
  const failedRuns: FailedRun[] = [];
  // Set when the suite starts (not when mocha loads the file) so the summary times this suite only.
  let startedAt = 0;
  let sim: Simulator;
  let untrustedCaPem = "";
  let runLabel = "setup";
  let runCount = 0;
  let findings: Finding[] | undefined;

  const addSimulatorLog = (): void =>
    simulatorLog.forEach((line, index) => corpus.add(`simulator log line ${index + 1}`, line));
  const corpusHas = (place: string): boolean => corpus.countWhere(place) > 0;
  /** `value` as a user's test prints it, each way (see printed.ts). */
  const addPrinted = (label: string, value: unknown): void => {
    for (const [how, text] of Object.entries(printedForms(value))) {
      corpus.add(`${label} printed by ${how}`, text);
    }
  };
  /** The session credentials the simulator minted so far (resets included), by vendor. */
  const catalogSessionCredentials = (): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const [vendor, minted] of Object.entries(sim.sessionCredentials())) {
      minted.forEach((credential, index) =>
        catalog.add(`${vendor} session credential ${index + 1}`, credential),
      );
      counts[vendor] = minted.length;
    }
    return counts;
  };

  /** Log lines and failures as a progress reporter (the demo, a CI log) sees them. */
  const onEvent = (event: RunnerEvent): void => {
    addPrinted(`${runLabel}: onEvent ${event.kind}`, event);
    if (event.kind === "log") {
      corpus.add(
        `${runLabel}: onEvent log (${event.line.source} ${event.line.stream})`,
        event.line.text,
      );
    } else if (event.kind === "step-fail") {
      corpus.add(
        `${runLabel}: onEvent step-fail of ${event.error.name ?? event.error.kind}`,
        event.error.message,
      );
    }
  };

  before(async () => {
    startedAt = Date.now();
    // Made here, not at load time, so a run filtered to other tests leaves no folder behind.
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-secret-scan-"));
    sim = await startSimulator({ log: (line) => simulatorLog.push(line) });
    untrustedCaPem = (await TestCa.create("certplane secret-scan other CA")).certPem;
    for (const name of NAMED_SECRET_ENV) {
      assert.ok(sim.env[name], `the simulator no longer sets ${name}: update the scan`);
    }
    // Public first (the AppViewX client certificate holds the public half of its secret key).
    for (const [name, value] of Object.entries(sim.env)) {
      if (!SECRET_ENV_NAME.test(name)) publicMaterial.addText(value);
      else if (value.includes("PRIVATE KEY")) publicMaterial.addPublicKeyOf(value);
    }
    for (const [name, value] of Object.entries(sim.env)) {
      if (SECRET_ENV_NAME.test(name)) catalog.add(`env ${name}`, value);
    }
    for (const [vendor, fields] of Object.entries(sim.credentials)) {
      for (const [field, value] of Object.entries(fields)) {
        if (SECRET_CREDENTIAL_NAME.test(field)) {
          catalog.add(`sim.credentials.${vendor}.${field}`, value);
        }
      }
    }
    catalog.add("wrong PCA token of run (b)", WRONG_PCA_TOKEN);
    catalog.add("wrong SBC password of run (b)", WRONG_SBC_PASSWORD);
    catalog.add("consumer config pfxPassword", PFX_PASSWORD);
    // Each named credential must leave something to scan for (a key: its private lines).
    for (const name of NAMED_SECRET_ENV) {
      assert.ok(
        catalog.nameList().some((entry) => entry.startsWith(`env ${name}`)),
        name,
      );
    }
  });

  after(async () => {
    await sim?.stop();
    addSimulatorLog();
    if (sim) catalogSessionCredentials();
    findings ??= corpus.scan(catalog);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(
      `    secret scan: ${catalog.size} secret values × ${corpus.count} texts ` +
        `(${corpus.bytes} bytes) scanned after ${runCount} runs in ${seconds} s: ` +
        `${findings.length} found (${catalog.publicPieces} public-only pieces of keys not scanned for)`,
    );
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  /** The quickstart and consumer runners of one delivery (their own stacks, one state folder). */
  function runnersFor(delivery: Delivery): {
    quickstart: LifecycleRunner;
    consumer: LifecycleRunner;
  } {
    // CERTPLANE_DEBUG turns on the provider's debug lines: a user chasing a failure in CI does.
    const env: Record<string, string> = { ...sim.env, CERTPLANE_DEBUG: "1" };
    const config: StackConfig = {};
    if (delivery === "config") {
      for (const [name, key] of Object.entries(CONFIG_DELIVERED)) {
        config[key] = { secret: env[name] };
        delete env[name];
      }
    }
    const common = {
      stack: delivery,
      stateDir,
      env,
      nodePath: [packageNodePath()],
      fakes: path.join(REPO_ROOT, "tools", "devkit", "tlsFakes.ts"),
      onEvent,
    };
    return {
      quickstart: new LifecycleRunner({
        ...common,
        program: path.join(EXAMPLES, "quickstart", "index.ts"),
        config,
      }),
      consumer: new LifecycleRunner({
        ...common,
        program: path.join(EXAMPLES, "consumer", "index.ts"),
        config: {
          quickstartStack: `organization/quickstart/${delivery}`,
          pfxPassword: { secret: PFX_PASSWORD },
        },
      }),
    };
  }

  /**
   * What a finished run shows: its log lines, every value it did not mark secret, and the whole
   * result as a test prints it.
   */
  function collectResult(label: string, result: RunResult): void {
    addPrinted(`${label}: the result`, result);
    result.logs.forEach((line) =>
      corpus.add(`${label}: result.logs (${line.source} ${line.stream})`, line.text),
    );
    const plainOutputs = Object.entries(result.outputs).filter(
      ([name]) => !result.secretOutputs.includes(name),
    );
    corpus.add(`${label}: non-secret stack outputs`, JSON.stringify(plainOutputs));
    for (const resource of result.resources) {
      const plain = (values: Record<string, unknown>, secret: string[]) =>
        JSON.stringify(Object.entries(values).filter(([name]) => !secret.includes(name)));
      corpus.add(
        `${label}: non-secret outputs of ${resource.name} (${resource.type})`,
        plain(resource.outputs, resource.secretOutputs),
      );
      corpus.add(
        `${label}: non-secret inputs of ${resource.name} (${resource.type})`,
        plain(resource.inputs, resource.secretInputs),
      );
      corpus.add(`${label}: initErrors of ${resource.name}`, resource.initErrors?.join("\n"));
    }
  }

  /** The state folder's raw files and each resource's serialized provider, as they are now. */
  function snapshotState(label: string, runners: LifecycleRunner[]): void {
    addFolder(corpus, `state folder after ${label}`, stateDir);
    for (const runner of runners) {
      for (const resource of runner.state().resources) {
        const provider = resource.inputs.__provider;
        if (typeof provider === "string") corpus.add(`__provider of ${resource.urn}`, provider);
      }
    }
  }

  async function succeed(
    label: string,
    runners: LifecycleRunner[],
    run: () => Promise<RunResult>,
  ): Promise<RunResult> {
    runLabel = label;
    runCount += 1;
    const result = await run();
    collectResult(label, result);
    snapshotState(label, runners);
    return result;
  }

  /** Runs what must fail; collects its message, errors and partial result. */
  async function fail(
    label: string,
    runners: LifecycleRunner[],
    run: () => Promise<RunResult>,
  ): Promise<FailedRun> {
    runLabel = label;
    runCount += 1;
    let caught: unknown;
    try {
      await run();
    } catch (error) {
      caught = error;
    }
    snapshotState(label, runners);
    if (caught === undefined) assert.fail(`${label} succeeded; it must fail`);
    if (!(caught instanceof LifecycleError)) throw caught;
    addPrinted(`${label}: the LifecycleError`, caught);
    corpus.add(`${label}: LifecycleError.message`, caught.message);
    corpus.add(`${label}: LifecycleError.stack`, caught.stack);
    caught.errors.forEach((error, index) => {
      const where = `${label}: errors[${index}] (${error.kind} ${error.name ?? ""})`;
      corpus.add(`${where}.message`, error.message);
      corpus.add(`${where} as JSON`, JSON.stringify(error));
    });
    collectResult(`${label} (LifecycleError.result)`, caught.result);
    const vendors = new Set<string>();
    for (const error of caught.errors) {
      const vendor = VENDOR_OF_TYPE.find(([pattern]) => pattern.test(error.type ?? ""))?.[1];
      if (vendor) vendors.add(vendor);
    }
    const failed = { label, errors: caught.errors, vendors: [...vendors].sort() };
    failedRuns.push(failed);
    return failed;
  }

  /**
   * Registers the keys, tokens and bundles the stacks hold (secret outputs, and outputs that are
   * secrets by name; a StackReference's copy is the other stack's), after learning what in them is
   * public, and checks each piece scanned for is really in the revealed state.
   */
  function catalogOutputSecrets(delivery: Delivery, runners: LifecycleRunner[]): string[] {
    const states = runners.map((runner) => runner.state());
    const isSecret = (name: string, secretNames: string[]) =>
      secretNames.includes(name) || SECRET_OUTPUT_NAME.test(name);
    for (const state of states) {
      for (const resource of state.resources) {
        for (const [name, value] of [
          ...Object.entries(resource.inputs),
          ...Object.entries(resource.outputs),
        ]) {
          for (const [, text] of stringsIn(value, name)) {
            if (!isSecret(name, resource.secretOutputs)) publicMaterial.addText(text);
            else if (text.includes("PRIVATE KEY")) publicMaterial.addPublicKeyOf(text);
          }
        }
      }
      for (const [name, value] of Object.entries(state.outputs)) {
        if (state.secretOutputs.includes(name)) continue;
        for (const [, text] of stringsIn(value, name)) publicMaterial.addText(text);
      }
    }
    const before = new Set(catalog.nameList());
    for (const state of states) {
      const prefix = `${delivery} ${state.project}`;
      for (const resource of state.resources) {
        if (resource.external) continue;
        for (const [name, value] of Object.entries(resource.outputs)) {
          if (!isSecret(name, resource.secretOutputs)) continue;
          for (const [where, text] of stringsIn(
            value,
            `${prefix}/${resource.name} output ${name}`,
          )) {
            catalog.add(where, text);
          }
        }
      }
      for (const name of state.secretOutputs) {
        for (const [where, text] of stringsIn(
          state.outputs[name],
          `${prefix} stack output ${name}`,
        )) {
          catalog.add(where, text);
        }
      }
    }
    const revealed = JSON.stringify(states);
    const added = catalog.entries().filter(([, name]) => !before.has(name));
    for (const [value, name] of added) {
      assert.ok(revealed.includes(value), `${name} is not in the revealed state`);
    }
    return added.map(([, name]) => name);
  }

  /**
   * A user's test in a child mocha: its up (with `overrides` over the quickstart runner's options)
   * fails, logs the LifecycleError with console.error and lets it escape, so mocha prints its
   * failure report. Collects everything the child printed. Not spawnSync: the simulator answering
   * the child runs in this process.
   */
  async function escapeFromChildMocha(
    label: string,
    delivery: Delivery,
    env: Record<string, string>,
  ): Promise<void> {
    runLabel = label;
    runCount += 1;
    const options = {
      program: path.join(EXAMPLES, "quickstart", "index.ts"),
      stack: delivery,
      stateDir,
      env: { ...sim.env, CERTPLANE_DEBUG: "1", ...env },
      nodePath: [packageNodePath()],
      fakes: path.join(REPO_ROOT, "tools", "devkit", "tlsFakes.ts"),
    };
    const mocha = require.resolve("mocha/bin/mocha.js");
    const child = spawn(
      process.execPath,
      [mocha, "--no-config", "--node-option", "import=tsx", "--reporter", "spec", ESCAPING_SPEC],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, CERTPLANE_SCAN_RUNNER_OPTIONS: JSON.stringify(options) },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let printed = "";
    child.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), CHILD_MOCHA_TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    corpus.add(`${label}: the child mocha's output (console.error + failure report)`, printed);
    snapshotState(label, []);
    assert.equal(
      code,
      1,
      `the child mocha must report one failing test:\n${printed.slice(0, 2000)}`,
    );
    assert.match(printed, /the up failed: LifecycleError: up of stack quickstart\//);
    assert.match(printed, /1 failing/);
  }

  /** Every vendor answers 401 to every call until the faults are cleared. */
  function armUnauthorized(): void {
    for (const vendor of sim.vendors) {
      sim.faults.add({
        vendor,
        method: "*",
        path: "**",
        kind: "status",
        status: 401,
        body: { error: "unauthorized", message: "Bearer token is missing or invalid" },
        times: 100_000,
      });
    }
  }

  /** The runs both deliveries share: up, the key material catalogued, a second up, refresh. */
  async function upAndCatalog(
    delivery: Delivery,
    quickstart: LifecycleRunner,
    consumer: LifecycleRunner | undefined,
  ): Promise<void> {
    const runners = consumer ? [quickstart, consumer] : [quickstart];
    const step = (name: string) => `${delivery}/${name}`;
    const first = await succeed(step("quickstart up"), runners, () => quickstart.up());
    assert.equal(first.counts.create, 13);
    const expected = [
      "quickstart/nso-user output privateKeyPem",
      "quickstart/api-client output privateKeyPem",
      "quickstart/gnmi output token",
      "quickstart/deploy output privateKeyPem",
      "quickstart/web1 output privateKeyPem",
      // (The stack output nsoUserKey is the nso-user key itself: catalogued once, by that name.)
    ];
    if (consumer) {
      const downstream = await succeed(step("consumer up"), runners, () => consumer.up());
      assert.ok(downstream.secretOutputs.includes("nsoUserPfx"));
      // Not vacuous: the bundle really is locked with the configured password.
      const der = forge.util.decode64(revealSecrets(downstream.outputs.nsoUserPfx) as string);
      assert.doesNotThrow(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), PFX_PASSWORD));
      expected.push("consumer stack output nsoUserPfx");
    }
    const secrets = catalogOutputSecrets(delivery, runners);
    for (const name of expected) {
      assert.ok(
        secrets.some((secret) => secret.startsWith(`${delivery} ${name}`)),
        `${name} was not catalogued`,
      );
    }
    const second = await succeed(step("quickstart second up"), runners, () => quickstart.up());
    assert.equal(second.changes, 0);
    await succeed(step("quickstart refresh"), runners, () => quickstart.refresh());
  }

  it("env delivery: up, consumer, second up, refresh, failing runs (401s, wrong credentials, untrusted CA), destroy", async () => {
    // Each delivery starts from the seeded simulator (same credentials), whatever ran before.
    await sim.reset();
    const { quickstart, consumer } = runnersFor("env");
    const both = [quickstart, consumer];
    await upAndCatalog("env", quickstart, consumer);

    // (a) Every vendor call answered 401: a refresh reads every vendor object at once; an up after
    // a clean destroy tries every create (those started before the first failure).
    armUnauthorized();
    await fail("env/(a) refresh, every vendor 401", both, () => quickstart.refresh());
    sim.faults.clear();
    await succeed("env/quickstart destroy before (a) up", both, () => quickstart.destroy());
    armUnauthorized();
    await fail("env/(a) up after destroy, every vendor 401", both, () => quickstart.up());
    sim.faults.clear();

    // (b) Wrong PCA token and SBC password in the environment.
    await fail("env/(b) up, wrong PCA token and SBC password in env", both, () =>
      quickstart.up({
        env: {
          CERTPLANE_PCA_TOKEN: WRONG_PCA_TOKEN,
          CERTPLANE_ORACLESBC_PASSWORD: WRONG_SBC_PASSWORD,
        },
      }),
    );
    // (c) PCA's TLS certificate checked against another CA.
    await fail("env/(c) up, untrusted PCA CA", both, () =>
      quickstart.up({ env: { CERTPLANE_PCA_CA_CERT_PEM: untrustedCaPem } }),
    );
    // (d) The same failure in a user's test that logs the error and lets it escape.
    await escapeFromChildMocha("env/(d) child mocha, untrusted PCA CA", "env", {
      CERTPLANE_PCA_CA_CERT_PEM: untrustedCaPem,
    });
    // The runners (their env holds every credential) and the simulator's own errors, printed.
    addPrinted("env: the quickstart runner", quickstart);
    addPrinted("env: the consumer runner", consumer);
    addPrinted("env: the simulator", sim);
    await sim.action("oraclesbc", "no-such-action").then(
      () => assert.fail("an unknown action must be refused"),
      (error: unknown) => addPrinted("env: a simulator action error", error),
    );
    assert.throws(
      () => sim.faults.add({ vendor: "pca", kind: "status", status: 999 } as never),
      (error: unknown) => {
        addPrinted("env: a simulator fault error", error);
        return true;
      },
    );

    await succeed("env/consumer destroy", both, () => consumer.destroy());
    await succeed("env/quickstart destroy", both, () => quickstart.destroy());
    assert.deepEqual(quickstart.state().resources, []);
    assert.deepEqual(consumer.state().resources, []);
  });

  it("secret-config delivery: PCA, NetFoundry and SBC credentials as secret stack config, the same kinds of run", async () => {
    await sim.reset();
    // The consumer and the untrusted CA do not depend on how credentials arrive: the env pass
    // covers them, which keeps the suite inside its time budget.
    const { quickstart } = runnersFor("config");
    const runners = [quickstart];
    await upAndCatalog("config", quickstart, undefined);
    // Every certificate is due for renewal 400 days on: an up then calls PCA, NetFoundry and
    // AppViewX at once (in the env pass the creates behind a fresh CSR never start), without a
    // destroy first.
    const allDue = { CERTPLANE_CLOCK_OFFSET_SECONDS: String(400 * 86400) };

    // (a) Every vendor call answered 401.
    armUnauthorized();
    await fail("config/(a) refresh, every vendor 401", runners, () => quickstart.refresh());
    await fail("config/(a) up with every certificate due, every vendor 401", runners, () =>
      quickstart.up({ env: allDue }),
    );
    sim.faults.clear();

    // (b) Wrong PCA token and SBC password as secret config (config wins over env): a refresh
    // logs in to the SBC (PCA's refresh needs no token), an up renewing the certificates signs
    // at PCA.
    const wrong: StackConfig = {
      "certplane:pcaToken": { secret: WRONG_PCA_TOKEN },
      "certplane:oraclesbcPassword": { secret: WRONG_SBC_PASSWORD },
    };
    await fail("config/(b) refresh, wrong SBC password as secret config", runners, () =>
      quickstart.refresh({ config: wrong }),
    );
    await fail(
      "config/(b) up with every certificate due, wrong PCA token as secret config",
      runners,
      () => quickstart.up({ config: wrong, env: allDue }),
    );

    addPrinted("config: the quickstart runner (secret config)", quickstart);
    await succeed("config/quickstart destroy", runners, () => quickstart.destroy());
    assert.deepEqual(quickstart.state().resources, []);
  });

  it("the scan is not vacuous: every kind of place was collected, every failing run reported errors", () => {
    addSimulatorLog();
    const report = failedRuns
      .map((run) => `    ${run.label}: ${run.errors.length} errors (${run.vendors.join(", ")})`)
      .join("\n");
    console.log(report);
    assert.equal(failedRuns.length, 8, report);
    for (const run of failedRuns) {
      assert.ok(run.errors.length > 0, `${run.label} reported no error`);
      assert.ok(
        run.errors.every((error) => error.message.length > 0),
        `${run.label}: an empty message`,
      );
    }
    const vendorsOf = (part: string): string[] => {
      const runs = failedRuns.filter((run) => run.label.includes(part));
      return [...new Set(runs.flatMap((run) => run.vendors))].sort();
    };
    // Every vendor's 401 handling produced messages; both wrong credentials and the foreign CA
    // were really used (the config pass's (b) runs are deterministic: see there).
    assert.deepEqual(vendorsOf("/(a)"), ["appviewx", "netfoundry", "oraclesbc", "pca", "zitadel"]);
    assert.deepEqual(vendorsOf("config/(b)"), ["oraclesbc", "pca"]);
    assert.deepEqual(vendorsOf("env/(c)"), ["pca"]);
    for (const place of [
      "state folder after",
      "__provider of",
      "simulator log",
      ": result.logs",
      ": onEvent log",
      ": LifecycleError.message",
      ": errors[",
      ": the LifecycleError printed by util.inspect",
      ": the LifecycleError printed by console.error",
      ": the LifecycleError printed by JSON.stringify",
      ": the result printed by util.inspect",
      ": onEvent step-fail printed by util.inspect",
      "runner printed by util.inspect",
      "simulator action error printed by",
      ": the child mocha's output",
    ]) {
      assert.ok(corpusHas(place), `nothing collected from ${place}`);
    }
    // The runs logged in to the SBC and revoked at AppViewX: their sessions are scanned for too.
    const sessions = catalogSessionCredentials();
    console.log(`    session credentials scanned for: ${JSON.stringify(sessions)}`);
    assert.ok(sessions.oraclesbc > 0, "no SBC access token was minted");
    assert.ok(sessions.appviewx > 0, "no AppViewX sessionId was minted");
  });

  it("no secret value appears in plain text anywhere", () => {
    addSimulatorLog();
    catalogSessionCredentials();
    findings = corpus.scan(catalog);
    assert.equal(
      findings.length,
      0,
      `${findings.length} plain secret occurrences (secret: places):\n${describeFindings(findings)}`,
    );
  });
});
