/**
 * The lifecycle runner held to the engine: the same programs, the same steps, through both — each
 * resource's op, its input and output names and kinds, which of them are secret, and the stack
 * outputs and which are secret must agree. The differences that cannot be removed are written in
 * docs/testing.md ("The runner and the real engine"); each is normalized here under the id the page
 * gives it, and the test checks the page still lists every id it normalizes. Anything else fails.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LifecycleRunner, type RunResult, type StackConfig } from "../../testing";
import type { CliStack, OperationResult } from "../../tools/devkit/cliStack";
import { packageNodePath, REPO_ROOT } from "../support/packageLink";
import { withSimulator } from "../support/withSimulator";
import {
  engineStateRoot,
  exampleStack,
  exportedResources,
  isCiphertext,
  plaintextOf,
  removeStateRoot,
  resourceKey,
  revealedExport,
} from "./support/engine";

/** What both engines must agree on about one resource after one step. */
interface ResourceView {
  op: string;
  /** Input name → kind of value. */
  inputs?: Record<string, string>;
  secretInputs?: string[];
  /** Output name → kind of value. */
  outputs?: Record<string, string>;
  secretOutputs?: string[];
}

/** What both engines must agree on after one step. */
interface StepView {
  resources: Record<string, ResourceView>;
  stackOutputs: string[];
  secretStackOutputs: string[];
}

/** One step of a scenario: the command and the stack configuration in force. */
interface Step {
  command: "up" | "destroy";
  config?: Record<string, string>;
}

const CERTPLANE = "pulumi-nodejs:dynamic/certplane:";

/** Known differences, by their id in docs/testing.md. */
const KNOWN_DIFFERENCES = ["engine-replace-steps"];

function kind(value: unknown): string {
  // The runner hands secrets over wrapped (a Secret that prints as [secret]); the kind is the value's.
  const wrapped = value as { reveal?: () => unknown } | null;
  if (typeof wrapped?.reveal === "function") return kind(wrapped.reveal());
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value;
}

function kinds(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(values)
      .filter((name) => name !== "__provider")
      .sort()
      .map((name) => [name, kind(values[name])]),
  );
}

function runnerView(result: RunResult): StepView {
  const resources: Record<string, ResourceView> = {};
  for (const r of result.resources) {
    if (!r.type.startsWith(CERTPLANE)) continue;
    const key = resourceKey(r.urn);
    resources[key] =
      r.op === "delete"
        ? { op: "delete" }
        : {
            op: r.op,
            inputs: kinds(r.inputs),
            secretInputs: [...r.secretInputs].sort(),
            outputs: kinds(r.outputs),
            secretOutputs: [...r.secretOutputs].sort(),
          };
  }
  return {
    resources,
    stackOutputs: Object.keys(result.outputs).sort(),
    secretStackOutputs: [...result.secretOutputs].sort(),
  };
}

function engineView(stack: CliStack, result: OperationResult, command: Step["command"]): StepView {
  const ops: Record<string, string[]> = {};
  for (const step of result.steps) {
    if (step.phase === "pre" && step.type.startsWith(CERTPLANE)) {
      (ops[resourceKey(step.urn)] ??= []).push(step.op);
    }
  }
  const exported = exportedResources(stack.exportState());
  const revealed = exportedResources(revealedExport(stack));
  // A secret in `--show-secrets` output: {<signature>, plaintext: <JSON>}.
  const reveal = (values: Record<string, unknown> = {}) =>
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        typeof value === "object" && value !== null && "plaintext" in value
          ? plaintextOf(value)
          : value,
      ]),
    );
  const secret = (values: Record<string, unknown> = {}) =>
    Object.keys(values)
      .filter((name) => isCiphertext(values[name]))
      .sort();
  const resources: Record<string, ResourceView> = {};
  for (const [key, steps] of Object.entries(ops)) {
    // (engine-replace-steps) The engine reports a replacement as create-replacement, replace and
    // delete-replaced steps; the runner as one `replace`.
    const op = steps.includes("replace") ? "replace" : steps[0];
    if (command === "destroy" || op === "delete") {
      resources[key] = { op: "delete" };
      continue;
    }
    resources[key] = {
      op,
      inputs: kinds(reveal(revealed[key].inputs)),
      secretInputs: secret(exported[key].inputs),
      outputs: kinds(reveal(revealed[key].outputs)),
      secretOutputs: secret(exported[key].outputs),
    };
  }
  const masked = stack.outputs();
  return {
    resources,
    stackOutputs: Object.keys(masked).sort(),
    secretStackOutputs: Object.keys(masked)
      .filter((name) => masked[name] === "[secret]")
      .sort(),
  };
}

function namespaced(project: string, config: Record<string, string> = {}): StackConfig {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [`${project}:${k}`, v]));
}

const SCENARIOS: Record<string, Step[]> = {
  "pca-nso-mtls": [
    { command: "up" },
    { command: "up" },
    { command: "up", config: { earlyRenewalHours: "300" } },
    { command: "up", config: { earlyRenewalHours: "300", rsaBits: "3072" } },
    { command: "destroy", config: { earlyRenewalHours: "300", rsaBits: "3072" } },
  ],
  "pca-gnmi-pat": [
    { command: "up" },
    { command: "up" },
    { command: "up", config: { expirationDate: "2098-06-30T00:00:00Z" } },
    { command: "destroy", config: { expirationDate: "2098-06-30T00:00:00Z" } },
  ],
};

describe("engine: the lifecycle runner gives what the engine gives", function () {
  this.timeout(600_000);
  const sim = withSimulator({ vendors: ["pca", "zitadel"] });

  it("docs/testing.md lists every difference this test allows", () => {
    const page = fs.readFileSync(path.join(REPO_ROOT, "docs", "testing.md"), "utf8");
    for (const id of KNOWN_DIFFERENCES)
      assert.ok(page.includes(`(${id})`), `docs/testing.md lacks (${id})`);
  });

  for (const [example, steps] of Object.entries(SCENARIOS)) {
    it(`${example}: every step's ops, inputs, outputs and secrets agree`, async () => {
      const stateRoot = engineStateRoot(`parity-${example}`);
      const runnerState = fs.mkdtempSync(path.join(os.tmpdir(), `certplane-parity-${example}-`));
      const stack = exampleStack(example, sim, stateRoot);
      const runner = new LifecycleRunner({
        program: path.join(REPO_ROOT, "examples", example, "index.ts"),
        stateDir: runnerState,
        env: { ...sim.env },
        nodePath: [packageNodePath()],
      });
      try {
        for (const [index, step] of steps.entries()) {
          const config = namespaced(stack.projectName, step.config);
          const ran =
            step.command === "up" ? await runner.up({ config }) : await runner.destroy({ config });
          const engineConfig = Object.fromEntries(
            Object.entries(config).map(([k, v]) => [k, { value: String(v) }]),
          );
          const done =
            step.command === "up"
              ? await stack.up({ config: engineConfig })
              : await stack.destroy({ config: engineConfig });
          assert.deepEqual(
            runnerView(ran),
            engineView(stack, done, step.command),
            `step ${index + 1} (${step.command} ${JSON.stringify(step.config ?? {})}): runner (actual) vs engine (expected)`,
          );
        }
      } finally {
        await stack.close();
        removeStateRoot(stateRoot);
        fs.rmSync(runnerState, { recursive: true, force: true });
      }
    });
  }
});
