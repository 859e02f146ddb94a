/**
 * Secrets and stack references through the lifecycle runner: secret config, secret inputs and
 * `additionalSecretOutputs` come back marked secret, reach the provider in plain text (it does not
 * accept secrets), never appear in plain text in a state file, and stay secret when another stack
 * reads them through a StackReference.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunResult } from "../../sdk/testing";
import { childPids, Scratch } from "../fixtures/runner/helpers";

const SECRET_CONFIG = "s3cr3t-config-value-7f1c";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

describe("LifecycleRunner: secrets and stack references", () => {
  const scratch = new Scratch();
  const producer = scratch.runner("echo.ts", {
    stack: "producer",
    config: { secretValue: { secret: SECRET_CONFIG }, withToken: "true" },
  });
  let produced: RunResult;
  let childrenBefore: number[] = [];

  beforeEach(() => (childrenBefore = childPids()));
  afterEach(() => {
    const leftovers = childPids().filter((pid) => !childrenBefore.includes(pid));
    assert.deepEqual(leftovers, [], "a run left a child process behind");
  });
  after(() => scratch.remove());

  it("marks secret config, secret inputs and additionalSecretOutputs secret in the result", async () => {
    produced = await producer.up();

    const [echo] = produced.resources;
    assert.deepEqual(echo.secretInputs, ["secretValue"]);
    assert.deepEqual(echo.secretOutputs.sort(), ["secretValue", "token"]);
    assert.equal(echo.outputs.secretValue, SECRET_CONFIG);
    assert.equal(echo.outputs.token, "token-of-echo-0");
    assert.deepEqual(produced.secretOutputs.sort(), ["secretEcho", "token"]);
    assert.equal(produced.outputs.secretEcho, SECRET_CONFIG);
    // The provider does not accept secrets: it gets them revealed, config and inputs alike.
    const calls = scratch.newCalls();
    assert.equal(
      calls.find((call) => call.hook === "configure")?.config?.["runner-fixture:secretValue"],
      SECRET_CONFIG,
    );
    assert.equal(calls.find((call) => call.hook === "create")?.inputs?.secretValue, SECRET_CONFIG);
  });

  it("never writes a secret in plain text to the state file, and decrypts it for state()", () => {
    const text = fs.readFileSync(producer.stateFile, "utf8");

    assert.equal(
      text.includes(SECRET_CONFIG),
      false,
      "the secret config value is in the state file",
    );
    assert.equal(text.includes("token-of-echo-0"), false, "the secret output is in the state file");
    assert.ok(text.includes(SECRET_SIGNATURE) && text.includes('"ciphertext"'));
    const state = producer.state();
    assert.equal(state.resources[0].outputs.token, "token-of-echo-0");
    assert.deepEqual(state.secretOutputs.sort(), ["secretEcho", "token"]);
  });

  it("serves a StackReference from the other stack's state (secrets stay secret) and fakes other types", async () => {
    const consumer = scratch.runner("consumer.ts", {
      stack: "consumer",
      config: { producer: "runner-fixture/producer" },
      fakes: path.join(__dirname, "../fixtures/runner/fakes.ts"),
    });
    const result = await consumer.up();

    assert.deepEqual(result.resources.map((r) => [r.name, r.op]).sort(), [
      ["consumer", "create"],
      ["runner-fixture/producer", "read"],
      ["thing", "create"],
    ]);
    // Types and functions no dynamic provider serves take their outputs from the fakes module.
    assert.equal(result.resources.find((r) => r.name === "thing")?.id, "thing-thing");
    assert.equal(result.outputs.thingArea, 9);
    assert.equal(result.outputs.answer, "42 (everything)");
    const producedIds = produced.outputs.ids as string[];
    assert.equal(result.outputs.upstream, producedIds[0]);
    assert.equal(result.outputs.producerSecret, SECRET_CONFIG);
    assert.deepEqual(result.secretOutputs, ["producerSecret"]);
    assert.equal(fs.readFileSync(consumer.stateFile, "utf8").includes(SECRET_CONFIG), false);
  });
});
