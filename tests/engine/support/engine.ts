/**
 * The engine tier's shared harness: an example program as a stack under the real Pulumi CLI (Automation
 * API inline program, see tools/devkit/stackWorker.ts) against a started simulator, and readers for what the
 * engine reported (steps in event order, the exported checkpoint, masked outputs).
 *
 * The tier never skips: without a CLI every spec fails, saying how to get one.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack, type OperationResult, type StackExport } from "../../../tools/devkit/cliStack";
import { findPulumiCli, wrapperVersion, type PulumiCli } from "../../../tools/devkit/pulumiCli";
import type { EngineStep } from "../../../tools/devkit/stackProtocol";
import type { Simulator } from "../../../simulator";
import { REPO_ROOT } from "../../support/packageLink";

/** The CLI the tier runs; fails (never skips) when there is none. */
export function requirePulumiCli(): PulumiCli {
  const cli = findPulumiCli();
  if (!cli) {
    throw new Error(
      `the engine tier needs the Pulumi CLI: run \`make pulumi-cli\` (builds ${wrapperVersion() ?? "it"} ` +
        "from Go modules into a cache folder, once) or install it (https://www.pulumi.com/docs/install/)",
    );
  }
  return cli;
}

/**
 * A fresh backend + PULUMI_HOME + workspace folder for one spec. Under the repository's .tmp/ (not
 * the system temp folder): the engine starts the dynamic-provider plugin in the workspace, and the
 * plugin resolves @pulumi/pulumi from there.
 */
export function engineStateRoot(label: string): string {
  const root = path.join(REPO_ROOT, ".tmp", "engine", `${label}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(root, { recursive: true });
  return root;
}

/** An example as a stack on `stateRoot`'s backend, with the simulator's connection environment. */
export function exampleStack(
  example: string,
  sim: Simulator,
  stateRoot: string,
  options: { stackName?: string; env?: Record<string, string> } = {},
): CliStack {
  return new CliStack({
    program: path.join(REPO_ROOT, "examples", example, "index.ts"),
    stackName: options.stackName ?? "dev",
    stateRoot,
    cli: requirePulumiCli(),
    env: { ...sim.env, ...options.env },
  });
}

/** `<Type>/<name>` of a URN, e.g. `PcaSignedCertificate/nso-user`. */
export function resourceKey(urn: string): string {
  const [, , qualifiedType, name] = urn.split("::");
  return `${qualifiedType.split(":").pop()}/${name}`;
}

/**
 * The ops the engine started per resource, in event order, for the resources whose type `include`
 * accepts: by default certplane's through either door (`pulumi-nodejs:dynamic/certplane:<Type>` or
 * a schema token `certplane:<module>:<Type>`).
 */
export function opsOfSteps(
  steps: EngineStep[],
  include: (type: string) => boolean = (type) => /certplane:/.test(type),
): Record<string, string[]> {
  const ops: Record<string, string[]> = {};
  for (const step of steps) {
    if (step.phase !== "pre" || !include(step.type)) continue;
    (ops[resourceKey(step.urn)] ??= []).push(step.op);
  }
  return ops;
}

/** The ops the engine started per resource, in event order (only custom resources of certplane). */
export function opsOf(result: OperationResult): Record<string, string[]> {
  return opsOfSteps(result.steps, (type) => type.startsWith("pulumi-nodejs:dynamic/certplane:"));
}

/** The first step of `op` for a resource, in `phase`. */
function stepFor(
  result: OperationResult,
  key: string,
  op: string,
  phase: EngineStep["phase"],
): EngineStep {
  const found = result.steps.find(
    (step) => resourceKey(step.urn) === key && step.op === op && step.phase === phase,
  );
  assert.ok(
    found,
    `no ${phase} event of ${op} for ${key}; steps: ${JSON.stringify(opsOf(result))}`,
  );
  return found;
}

/** Asserts the engine replaced `key` creating the new one before deleting the old. */
export function assertCreateBeforeDelete(result: OperationResult, key: string): void {
  const created = stepFor(result, key, "create-replacement", "done");
  const deleting = stepFor(result, key, "delete-replaced", "pre");
  assert.ok(
    created.sequence < deleting.sequence,
    `${key}: the old one was deleted (event ${deleting.sequence}) before the new one existed (${created.sequence})`,
  );
}

/** Asserts the engine replaced `key` deleting the old one first (deleteBeforeReplace). */
export function assertDeleteBeforeCreate(result: OperationResult, key: string): void {
  const deleted = stepFor(result, key, "delete-replaced", "done");
  const creating = stepFor(result, key, "create-replacement", "pre");
  assert.ok(deleted.sequence < creating.sequence, `${key}: the new one was created first`);
}

/** The checkpoint's resources by `<Type>/<name>` (certplane's custom resources only). */
export function exportedResources(exported: StackExport) {
  return Object.fromEntries(
    (exported.deployment.resources ?? [])
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/certplane:"))
      .map((r) => [resourceKey(r.urn), r]),
  );
}

/** Pulumi's marker of a secret value in a checkpoint. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** True when a checkpoint value is an encrypted secret (ciphertext, no plaintext). */
export function isCiphertext(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270" &&
    typeof (value as Record<string, unknown>).ciphertext === "string" &&
    !("plaintext" in value)
  );
}

/**
 * Asserts the stack keeps its secrets: each of `secretOutputs` is ciphertext in `pulumi stack
 * export` (the Stack resource's outputs), each resource output in `resourceSecrets` too, `pulumi stack
 * output` masks the stack outputs, and no plaintext in `secretValues` appears in the checkpoint or in
 * any of `printed` (what the CLI printed).
 */
export function assertSecretsKept(
  stack: CliStack,
  expected: {
    secretOutputs: string[];
    resourceSecrets?: Record<string, string[]>;
    secretValues: string[];
    printed: string[];
  },
): void {
  const exported = stack.exportState();
  const stackResource = exported.deployment.resources?.find(
    (r) => r.type === "pulumi:pulumi:Stack",
  );
  for (const name of expected.secretOutputs) {
    assert.ok(
      isCiphertext(stackResource?.outputs?.[name]),
      `stack output ${name} is not ciphertext`,
    );
  }
  const resources = exportedResources(exported);
  for (const [key, names] of Object.entries(expected.resourceSecrets ?? {})) {
    for (const name of names) {
      assert.ok(isCiphertext(resources[key]?.outputs?.[name]), `${key}.${name} is not ciphertext`);
    }
  }
  const masked = stack.outputs();
  for (const name of expected.secretOutputs) assert.equal(masked[name], "[secret]", name);
  const checkpoint = JSON.stringify(exported);
  const printed = [...expected.printed, JSON.stringify(masked)].join("\n");
  for (const secret of expected.secretValues) {
    assert.ok(secret.length >= 16, "a secret value to look for is too short to mean anything");
    assert.equal(checkpoint.includes(secret), false, "a secret is plain in the checkpoint");
    assert.equal(printed.includes(secret), false, "a secret is in the CLI's output");
  }
}

/** The body line of a PEM private key (a distinctive piece of the secret to search for). */
export function pemBodyLine(pem: string): string {
  const line = pem.split("\n").find((l) => l.length > 40 && !l.startsWith("-----"));
  assert.ok(line, "no PEM body line");
  return line;
}

/** Stack outputs with secrets revealed (`pulumi stack output --json --show-secrets`). */
export function revealedOutputs(stack: CliStack): Record<string, unknown> {
  return JSON.parse(stack.cli(["stack", "output", "--json", "--show-secrets"])) as Record<
    string,
    unknown
  >;
}

/** `pulumi stack export --show-secrets`: the checkpoint with secrets decrypted (to learn their values). */
export function revealedExport(stack: CliStack): StackExport {
  return JSON.parse(stack.cli(["stack", "export", "--show-secrets"])) as StackExport;
}

/** A secret's value in {@link revealedExport}: the engine keeps it as `{<sig>, plaintext: <JSON>}`. */
export function plaintextOf(value: unknown): string {
  const plaintext = (value as { plaintext?: unknown } | undefined)?.plaintext;
  assert.equal(typeof plaintext, "string", "not a revealed secret");
  return JSON.parse(plaintext as string) as string;
}

/** Removes a spec's state root. */
export function removeStateRoot(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
