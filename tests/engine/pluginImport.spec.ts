/**
 * Import through the native plugin under the real Pulumi CLI, with Pulumi YAML programs (the YAML
 * language host beside `pulumi`, the plugin on PATH): objects made in the simulator first (through
 * certplane's hooks, in this process), then
 * - `pulumi import` of each adoptable type (one import file), the generated YAML checked property by
 *   property, and that code, made the program, previewing with no change (`--expect-no-changes`);
 * - each type no vendor can read back refused by `pulumi import` with its message;
 * - the `import` resource option in a program as a user writes it (defaults spelled out, the Frontdoor
 *   left to the settings): one `up` imports all four and the next preview has no change;
 * - a plugin killed mid-create (after the SBC record's POST, inside generateRequest) leaves the
 *   record behind; the next `up` of the unchanged program adopts it.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { offlineEnvironment, type StackExport } from "../../tools/devkit/cliStack";
import * as netfoundry from "../../provider/netfoundry/clientCertificate";
import * as records from "../../provider/oraclesbc/certificateRecord";
import * as imports from "../../provider/oraclesbc/certificateImport";
import * as pats from "../../provider/pca/personalAccessToken";
import { IMPORT_REFUSALS } from "../../provider/plugin/importRefusals";
import type { CheckAnswer } from "../../provider/core/checkHook";
import { newKeyAndCsr } from "../support/openssl";
import { REPO_ROOT } from "../support/packageLink";
import { OpensslCa } from "../support/testCa";
import { engineStateRoot, removeStateRoot, requirePulumiCli } from "./support/engine";
import { runChecked, runCommand, type CommandRun } from "./support/runCommand";

const TIMEOUT_MS = 300_000;

/** A hooks module's `check` and `create`, as loosely typed as the engine sees them. */
interface CheckAndCreate {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckAnswer>;
  create(news: Record<string, unknown>): Promise<{ id: string; outs: object }>;
}

/** A hooks module's check then create, as the engine would run them; returns id and outputs. */
async function made(
  hooks: CheckAndCreate,
  news: Record<string, unknown>,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const { inputs, failures } = await hooks.check({}, news);
  assert.deepEqual(failures, []);
  const { id, outs } = await hooks.create(inputs);
  return { id, outs: outs as Record<string, unknown> };
}

describe("engine: import through the native plugin (pulumi import, the import option, a killed run)", function () {
  this.timeout(TIMEOUT_MS * 3);
  let sim: Simulator;
  let stateRoot: string;
  let env: Record<string, string>;
  let pulumiBin: string;
  const savedEnv = { ...process.env };
  /** What was made in the simulator before any import. */
  const seeded: Record<string, { id: string; outs: Record<string, unknown> }> = {};
  let uploadedPem: string;
  let importedPem: string;

  /** A YAML project folder with its stack; `resources` is the YAML text below `resources:`. */
  const project = async (name: string, resources = ""): Promise<string> => {
    const dir = path.join(stateRoot, "work", name);
    fs.mkdirSync(dir, { recursive: true });
    writeProgram(dir, name, resources);
    await runChecked(
      { file: pulumiBin, args: ["stack", "init", stackOf(name), "--non-interactive"], cwd: dir },
      env,
      60_000,
    );
    return dir;
  };
  const stackOf = (name: string) => `organization/${name}/dev`;
  const pulumi = (dir: string, args: string[]): Promise<CommandRun> =>
    runCommand(
      {
        file: pulumiBin,
        args: [...args, "--stack", stackOf(path.basename(dir)), "--non-interactive"],
        cwd: dir,
      },
      env,
      TIMEOUT_MS,
    );
  const ok = async (dir: string, args: string[]): Promise<CommandRun> => {
    const run = await pulumi(dir, args);
    assert.equal(run.exitCode, 0, `pulumi ${args.join(" ")}:\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  const exportOf = async (dir: string) =>
    JSON.parse((await ok(dir, ["stack", "export"])).stdout) as StackExport;

  before(async function () {
    this.timeout(900_000);
    stateRoot = engineStateRoot("plugin-import");
    const cli = requirePulumiCli();
    pulumiBin = path.join(cli.binDir, "pulumi");
    sim = await startSimulator();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 20 });
    env = {
      ...stringEnv(process.env),
      ...sim.env,
      ...offlineEnvironment(stateRoot, "certplane-local"),
      PATH: [path.join(REPO_ROOT, "bin"), cli.binDir, process.env.PATH].join(path.delimiter),
      CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20",
    };
    // The YAML language host beside `pulumi` (built once, minutes; then found in its cache).
    await runChecked(
      {
        file: "bash",
        args: [path.join(REPO_ROOT, "tools", "pulumi-yaml", "build.sh"), cli.binDir],
        cwd: REPO_ROOT,
      },
      env,
      900_000,
    );

    // The objects to import, made through the hooks as a program would have made them.
    Object.assign(process.env, sim.env);
    const ca = OpensslCa.create();
    uploadedPem = ca.sign(newKeyAndCsr("/CN=imported-client.example.com").csrPem, 30);
    seeded.client = await made(netfoundry, {
      name: "imported-client",
      certificatePem: uploadedPem,
    });
    seeded.record = await made(records, {
      name: "imported-record",
      commonName: "imported.example.com",
      country: "GB",
    });
    importedPem = ca.sign(seeded.record.outs.certRequestPem as string, 30);
    seeded.certificate = await made(imports, {
      recordName: "imported-record",
      certificatePem: importedPem,
    });
    seeded.pat = await made(pats, { expirationDate: "2031-01-01T00:00:00Z" });
  });
  after(async () => {
    process.env = savedEnv;
    await sim?.stop();
    if (stateRoot) removeStateRoot(stateRoot);
  });

  it("pulumi import of each adoptable type generates YAML that previews with no change", async () => {
    const dir = await project("import-cli");
    const importFile = path.join(dir, "import.json");
    fs.writeFileSync(
      importFile,
      JSON.stringify({
        resources: [
          {
            type: "certplane:netfoundry:ClientCertificate",
            name: "client",
            id: `${sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID}/${seeded.client.id}`,
          },
          { type: "certplane:oraclesbc:CertificateRecord", name: "record", id: "imported-record" },
          {
            type: "certplane:oraclesbc:CertificateImport",
            name: "certificate",
            id: "imported-record",
          },
          { type: "certplane:pca:PersonalAccessToken", name: "pat", id: seeded.pat.id },
        ],
      }),
    );
    const generated = path.join(dir, "generated.yaml");
    const run = await ok(dir, [
      "import",
      "--file",
      importFile,
      "--yes",
      "--protect=false",
      "--out",
      generated,
    ]);
    assert.match(run.stdout, /4 imported/);
    // The PAT's token cannot be read back: the plugin's warning reaches the user through the
    // engine's log (the CLI does not show a plugin's stderr).
    assert.match(
      run.stdout + run.stderr,
      new RegExp(
        `warning: certplane: pca\\.PersonalAccessToken ${seeded.pat.id} was imported without its secret`,
      ),
    );
    const code = fs.readFileSync(generated, "utf8");
    const block = (pem: unknown) =>
      String(pem)
        .trimEnd()
        .split("\n")
        .map((line) => `        ${line}`)
        .join("\n");
    assert.equal(
      code.trimEnd(),
      [
        "resources:",
        "  client:",
        "    type: certplane:netfoundry:ClientCertificate",
        "    properties:",
        "      certificatePem: |",
        block(seeded.client.outs.certificatePem),
        `      frontdoorId: ${sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID}`,
        "      name: imported-client",
        "  record:",
        "    type: certplane:oraclesbc:CertificateRecord",
        "    properties:",
        "      commonName: imported.example.com",
        "      country: GB",
        // Pulumi's code generation links a value equal to another imported resource's id.
        "      name: ${certificate.id}",
        "  certificate:",
        "    type: certplane:oraclesbc:CertificateImport",
        "    properties:",
        "      certificatePem: |",
        block(seeded.certificate.outs.certificatePem),
        "      recordName: imported-record",
        "  pat:",
        "    type: certplane:pca:PersonalAccessToken",
        "    properties:",
        `      expirationDate: ${seeded.pat.outs.expirationDate}`,
      ].join("\n"),
    );

    // The generated code as the program: nothing to change.
    writeProgram(dir, "import-cli", code.replace(/^resources:\n/m, ""));
    await ok(dir, ["preview", "--expect-no-changes"]);
    const state = await exportOf(dir);
    const client = state.deployment.resources?.find((r) => r.urn.endsWith("::client"));
    assert.equal(client?.id, seeded.client.id);
  });

  it("failing cases: pulumi import of a type no vendor can read back says why and what to do", async () => {
    const dir = await project("import-refused");
    const refused: [string, string][] = [
      ["certplane:index:CertificateRequest", "SHA256:abc"],
      ["certplane:pca:SignedCertificate", "0A1B"],
      ["certplane:appviewx:SshCertificate", "1234"],
    ];
    for (const [type, id] of refused) {
      const run = await pulumi(dir, ["import", type, "refused", id, "--yes"]);
      assert.notEqual(run.exitCode, 0, `${type} was imported`);
      const printed = (run.stdout + run.stderr).replace(/\s+/g, " ");
      assert.ok(printed.includes(IMPORT_REFUSALS[type]), `${type}:\n${printed}`);
      assert.doesNotMatch(printed, /please try updating/);
    }
  });

  it("the import option: one up imports all four as the program declares them; the next preview has no change", async () => {
    const dir = await project(
      "import-option",
      [
        "  client:",
        "    type: certplane:netfoundry:ClientCertificate",
        "    properties:",
        "      name: imported-client",
        `      certificatePem: ${JSON.stringify(uploadedPem)}`,
        "    options:",
        `      import: ${seeded.client.id}`,
        "  record:",
        "    type: certplane:oraclesbc:CertificateRecord",
        "    properties:",
        "      name: imported-record",
        "      commonName: imported.example.com",
        "      country: GB",
        "      keySize: 2048",
        "      saveAndActivate: true",
        "    options:",
        "      import: imported-record",
        "  certificate:",
        "    type: certplane:oraclesbc:CertificateImport",
        "    properties:",
        "      recordName: ${record.recordName}",
        `      certificatePem: ${JSON.stringify(importedPem)}`,
        "    options:",
        "      import: imported-record",
        "  pat:",
        "    type: certplane:pca:PersonalAccessToken",
        "    properties:",
        '      expirationDate: "2031-01-01T00:00:00Z"',
        "    options:",
        `      import: "${seeded.pat.id}"`,
        "",
      ].join("\n"),
    );
    const up = await ok(dir, ["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /4 imported/);
    await ok(dir, ["preview", "--expect-no-changes"]);
  });

  it("regression: a plugin killed after the SBC record's POST; the next up adopts the record", async () => {
    const dir = await project(
      "killed-run",
      [
        "  record:",
        "    type: certplane:oraclesbc:CertificateRecord",
        "    properties:",
        "      name: killed-record",
        "      commonName: killed.example.com",
        "",
      ].join("\n"),
    );
    // generateRequest (after the POST, inside the lock) takes 60 s: time to kill the plugin there.
    await sim.action("oraclesbc", "configure", { generateLatencyMs: 60_000 });
    const up = spawn(
      pulumiBin,
      ["up", "--yes", "--skip-preview", "--stack", stackOf("killed-run"), "--non-interactive"],
      { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    const printed: string[] = [];
    up.stdout.on("data", (chunk: Buffer) => printed.push(chunk.toString()));
    up.stderr.on("data", (chunk: Buffer) => printed.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => up.on("close", resolve));
    await waitFor(() => recordNames(sim).includes("killed-record"), 120_000);
    const plugins = descendants(up.pid!).filter((pid) =>
      commandLine(pid).includes("pulumi-resource-certplane"),
    );
    // The engine's plugin (and the YAML host's, for the schema): this run's own, killed by pid.
    assert.ok(plugins.length > 0, "no plugin process under pulumi");
    for (const pid of plugins) process.kill(pid, "SIGKILL");
    assert.notEqual(await exited, 0, `the interrupted up succeeded:\n${printed.join("")}`);
    // The killed plugin's lock frees itself when its token expires (10 minutes); release it now.
    await sim.action("oraclesbc", "configure", { generateLatencyMs: 0 });
    await sim.action("oraclesbc", "releaseLock", {});
    assert.deepEqual(recordNames(sim), ["imported-record", "killed-record"]);

    const again = await ok(dir, ["up", "--yes", "--skip-preview"]);
    assert.match(again.stdout, /1 created/);
    assert.deepEqual(recordNames(sim), ["imported-record", "killed-record"]);
    const record = (await exportOf(dir)).deployment.resources?.find((r) =>
      r.urn.endsWith("::record"),
    );
    assert.equal(record?.id, "killed-record");
    assert.match(String(record?.outputs?.certRequestPem), /^-----BEGIN CERTIFICATE REQUEST-----/);
    await ok(dir, ["preview", "--expect-no-changes"]);
  });
});

/** Writes a YAML project's Pulumi.yaml with `resources` (YAML text below `resources:`). */
function writeProgram(dir: string, name: string, resources: string): void {
  const body = resources.trim() === "" ? "" : `resources:\n${resources}`;
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${body}`);
}

/** The names of the SBC's certificate-records, sorted. */
function recordNames(sim: Simulator): string[] {
  const { records: all } = sim.inventory().vendors.oraclesbc as { records: { name: string }[] };
  return all.map((r) => r.name).sort();
}

/** Waits until `done()` holds, polling; fails after `timeoutMs`. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every process below `root` (from /proc: this test's own children only). */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields follow its last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // Gone meanwhile.
    }
  }
  const below = (pid: number): number[] =>
    [...parentOf].filter(([, ppid]) => ppid === pid).flatMap(([child]) => [child, ...below(child)]);
  return below(root);
}

/** A process's command line, arguments joined by spaces ("" when it is gone). */
function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** `process.env` without its unset entries. */
function stringEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
