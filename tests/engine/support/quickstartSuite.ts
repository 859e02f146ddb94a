/**
 * One engine-tier suite for the Python, Go and YAML quickstarts (examples/<language>-quickstart): the
 * same resources under the real Pulumi CLI through the native plugin (bin/pulumi-resource-certplane
 * on PATH), whichever language declares them. Each spec says only how its language runs an
 * operation ({@link QuickstartLauncher}); this suite starts the simulator, makes the offline backend,
 * and checks: `up` creates every resource and each vendor holds its object, a no-change preview and a
 * second `up` with no change, the private key only as ciphertext in `pulumi stack export` and never in
 * what the CLI printed, and `destroy` leaving no vendor object and no SBC lock.
 *
 * The suite never skips: a missing tool (CLI, Go, Python) fails `before`, saying what is missing.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../../simulator";
import { offlineEnvironment, type StackExport } from "../../../tools/devkit/cliStack";
import { REPO_ROOT } from "../../support/packageLink";
import {
  engineStateRoot,
  isCiphertext,
  pemBodyLine,
  removeStateRoot,
  requirePulumiCli,
} from "./engine";
import { runCommand } from "./runCommand";

/** What the suite asks a language to run. `preview-no-changes` is `preview --expect-no-changes`. */
export type QuickstartOperation = "up" | "preview-no-changes" | "destroy";

/** A command to run: file, arguments, working folder. */
export interface Command {
  file: string;
  args: string[];
  cwd: string;
}

/** Where and how one suite runs its stack. */
export interface QuickstartContext {
  /** The stack's workspace folder (Pulumi.yaml and Pulumi.<stack>.yaml go here, not into examples/). */
  workDir: string;
  /** The stack's name. */
  stackName: string;
  /** Every command's environment: offline backend, simulator connection, CLI and plugin on PATH. */
  env: Record<string, string>;
  /** The Pulumi CLI's folder. */
  cliBinDir: string;
}

/** How one language runs the quickstart. */
export interface QuickstartLauncher {
  /** The project's name (its Pulumi.yaml `name:`). */
  project: string;
  /**
   * Readies the language's toolchain and the workspace (builds, venvs, stack creation) and returns
   * the command for each operation. Throws when a tool is missing.
   */
  prepare(context: QuickstartContext): Promise<(operation: QuickstartOperation) => Command>;
}

/** The certplane resources of every quickstart, `<token>::<name>`. */
const RESOURCES = [
  "certplane:appviewx:SshCertificate::user-ssh",
  "certplane:index:CertificateRequest::user-key",
  "certplane:netfoundry:ClientCertificate::user-frontdoor",
  "certplane:oraclesbc:CertificateImport::sbc-import",
  "certplane:oraclesbc:CertificateRecord::sbc-record",
  "certplane:pca:SignedCertificate::sbc-pca",
  "certplane:pca:SignedCertificate::user-pca",
];
/** The certplane resources and the stack (the summary does not count the default provider). */
const STACK_RESOURCES = RESOURCES.length + 1;

/** An operation's longest run: the first Python/Go run also loads the SDK. */
const OPERATION_TIMEOUT_MS = 300_000;

/** Defines the suite for examples/<language>-quickstart. */
export function describeQuickstart(language: string, launcher: QuickstartLauncher): void {
  describe(`engine: examples/${language}-quickstart through the Pulumi CLI and the native plugin`, function () {
    this.timeout(OPERATION_TIMEOUT_MS * 2);
    let sim: Simulator;
    let stateRoot: string | undefined;
    let context: QuickstartContext;
    let commandFor: (operation: QuickstartOperation) => Command;
    const printed: string[] = [];

    const qualifiedStack = () => `organization/${launcher.project}/${context.stackName}`;

    /** Runs `pulumi <args>` on the stack in its workspace; returns stdout. */
    const pulumi = async (args: string[]): Promise<string> => {
      const run = await runCommand(
        {
          file: path.join(context.cliBinDir, "pulumi"),
          args: [...args, "--stack", qualifiedStack(), "--non-interactive"],
          cwd: context.workDir,
        },
        context.env,
        OPERATION_TIMEOUT_MS,
      );
      assert.equal(run.exitCode, 0, `pulumi ${args.join(" ")} failed: ${run.stderr}`);
      return run.stdout;
    };

    /** Runs an operation; fails the test (with what the CLI printed) if it fails. */
    const operate = async (operation: QuickstartOperation): Promise<void> => {
      const run = await runCommand(commandFor(operation), context.env, OPERATION_TIMEOUT_MS);
      printed.push(run.stdout, run.stderr);
      assert.equal(run.exitCode, 0, `${operation} failed:\n${run.stdout}\n${run.stderr}`);
    };

    /** The resource changes of the stack's last update (`pulumi stack history`). */
    const lastChanges = async (): Promise<Record<string, number>> => {
      const history = JSON.parse(await pulumi(["stack", "history", "--json"])) as {
        resourceChanges?: Record<string, number>;
      }[];
      return history[0]?.resourceChanges ?? {};
    };

    const exportState = async () => JSON.parse(await pulumi(["stack", "export"])) as StackExport;
    const resourcesOf = (exported: StackExport) =>
      new Map(
        (exported.deployment.resources ?? [])
          .filter((r) => r.type.startsWith("certplane:"))
          .map((r) => [`${r.type}::${r.urn.split("::").pop()}`, r]),
      );

    before(async function () {
      this.timeout(900_000);
      stateRoot = engineStateRoot(`${language}-quickstart`);
      const cli = requirePulumiCli();
      sim = await startSimulator();
      await sim.action("oraclesbc", "configure", { jobDurationMs: 20 });
      context = {
        workDir: path.join(stateRoot, "work", launcher.project),
        stackName: "dev",
        cliBinDir: cli.binDir,
        env: {
          ...stringEnv(process.env),
          ...sim.env,
          ...offlineEnvironment(stateRoot, "certplane-local"),
          // The engine finds pulumi-resource-certplane on PATH, as a user installs it.
          PATH: [path.join(REPO_ROOT, "bin"), cli.binDir, process.env.PATH].join(path.delimiter),
          // A lock left held fails in 20 seconds instead of the default wait.
          CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20",
        },
      };
      fs.mkdirSync(context.workDir, { recursive: true });
      commandFor = await launcher.prepare(context);
    });
    after(async () => {
      await sim?.stop();
      if (stateRoot) removeStateRoot(stateRoot);
    });

    it("up creates the key and CSR and every vendor's certificate", async () => {
      await operate("up");
      assert.deepEqual(await lastChanges(), { create: STACK_RESOURCES });
      assert.match(printed.join("\n"), /using pulumi-resource-certplane from \$PATH/);
      assert.deepEqual([...resourcesOf(await exportState()).keys()].sort(), RESOURCES);

      const outputs = JSON.parse(await pulumi(["stack", "output", "--json", "--show-secrets"]));
      assert.equal(outputs.pcaValidated, true);
      assert.match(outputs.privateKeyPem, /^-----BEGIN (EC )?PRIVATE KEY-----\n/);
      assert.match(outputs.certRequestPem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
      assert.match(outputs.pcaCertificatePem, /^-----BEGIN CERTIFICATE-----\n/);
      assert.match(outputs.sshCertificate, /^ecdsa-sha2-nistp256-cert-v01@openssh\.com /);
      assert.equal(outputs.sbcRecordName, "quickstart-sbc");

      const vendors = sim.inventory().vendors;
      const frontdoor = vendors.netfoundry.certificates as { name: string }[];
      assert.deepEqual(
        frontdoor.map((c) => c.name),
        ["quickstart-user"],
      );
      const records = vendors.oraclesbc.records as { name: string; hasCertificate: boolean }[];
      assert.deepEqual(
        records.map((r) => [r.name, r.hasCertificate]),
        [["quickstart-sbc", true]],
      );
      const ssh = vendors.appviewx.certificates as { status: string }[];
      assert.deepEqual(
        ssh.map((c) => c.status),
        ["Active"],
      );
    });

    it("a no-change preview, then a second up changes nothing", async () => {
      await operate("preview-no-changes");
      await operate("up");
      assert.deepEqual(await lastChanges(), { same: STACK_RESOURCES });
    });

    it("the private key is ciphertext in the checkpoint and never printed", async () => {
      const exported = await exportState();
      const stackResource = exported.deployment.resources?.find(
        (r) => r.type === "pulumi:pulumi:Stack",
      );
      assert.ok(isCiphertext(stackResource?.outputs?.privateKeyPem), "stack output privateKeyPem");
      const resources = resourcesOf(exported);
      const key = resources.get("certplane:index:CertificateRequest::user-key");
      assert.ok(isCiphertext(key?.outputs?.privateKeyPem), "user-key.privateKeyPem output");
      const signed = resources.get("certplane:pca:SignedCertificate::user-pca");
      assert.ok(isCiphertext(signed?.inputs?.privateKeyPem), "user-pca.privateKeyPem input");
      // Issue 28: the signer stores the key it validates with once, as an input.
      assert.equal(signed?.outputs?.privateKeyPem, undefined, "user-pca.privateKeyPem output");

      const masked = JSON.parse(await pulumi(["stack", "output", "--json"]));
      assert.equal(masked.privateKeyPem, "[secret]");
      const revealed = JSON.parse(await pulumi(["stack", "output", "--json", "--show-secrets"]));
      const secret = pemBodyLine(revealed.privateKeyPem as string);
      assert.equal(JSON.stringify(exported).includes(secret), false, "the key is plain in state");
      const everythingPrinted = [...printed, JSON.stringify(masked)].join("\n");
      assert.equal(everythingPrinted.includes(secret), false, "the CLI printed the key");
    });

    it("destroy leaves no vendor object and no SBC lock", async () => {
      await operate("destroy");
      assert.deepEqual(await lastChanges(), { delete: STACK_RESOURCES });
      const vendors = sim.inventory().vendors;
      assert.deepEqual(vendors.netfoundry.certificates, []);
      assert.deepEqual(vendors.oraclesbc.records, []);
      // Destroy revokes the SSH certificate (AppViewX keeps it, revoked) and forgets the PCA ones
      // (PCA has no revoke API: docs/pca/signedCertificate.md).
      const ssh = vendors.appviewx.certificates as { status: string }[];
      assert.deepEqual(
        ssh.filter((c) => c.status === "Active"),
        [],
      );
      const audit = (await sim.action("oraclesbc", "audit")) as {
        lockHolder: string | null;
        configDenied: number;
      };
      assert.equal(audit.lockHolder, null, "the SBC lock was left held");
      assert.equal(audit.configDenied, 0, "a configuration call was made without the lock");
      assert.equal(resourcesOf(await exportState()).size, 0);
    });
  });
}

/** `process.env` without its unset entries. */
function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
