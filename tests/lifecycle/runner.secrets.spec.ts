/**
 * Secrets and stack references through the lifecycle runner: secret config, secret inputs and
 * `additionalSecretOutputs` come back as `Secret`s (printed `[secret]`, revealed on request), reach
 * the provider in plain text (it does not accept secrets), never appear in plain text in a state
 * file or in anything a failed run hands the test, and stay secret when another stack reads them
 * through a StackReference.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { inspect } from "node:util";
import {
  LifecycleError,
  revealSecrets,
  Secret,
  type RunResult,
  type RunnerEvent,
} from "../../testing";
import { consoleOutput } from "../support/consoleOutput";
import { withRunnerFixture } from "../support/withRunnerFixture";

const SECRET_CONFIG = "s3cr3t-config-value-7f1c";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

describe("LifecycleRunner: secrets and stack references", () => {
  const scratch = withRunnerFixture();
  const producerOptions = {
    stack: "producer",
    config: { secretValue: { secret: SECRET_CONFIG }, withToken: "true" },
  };
  const producer = scratch.runner("echo.ts", producerOptions);
  let produced: RunResult;

  it("marks secret config, secret inputs and additionalSecretOutputs secret in the result", async () => {
    produced = await producer.up();

    const [echo] = produced.resources;
    assert.deepEqual(echo.secretInputs, ["secretValue"]);
    assert.deepEqual(echo.secretOutputs.sort(), ["secretValue", "token"]);
    assert.ok(echo.inputs.secretValue instanceof Secret);
    assert.equal(echo.inputs.secretValue.reveal(), SECRET_CONFIG);
    assert.ok(echo.outputs.secretValue instanceof Secret);
    assert.equal(echo.outputs.secretValue.reveal(), SECRET_CONFIG);
    assert.equal(revealSecrets(echo.outputs.token), "token-of-echo-0");
    assert.equal(echo.outputs.label, "echo-0", "a non-secret output stays plain");
    assert.deepEqual(produced.secretOutputs.sort(), ["secretEcho", "token"]);
    assert.equal(revealSecrets(produced.outputs.secretEcho), SECRET_CONFIG);
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

  it("a failed run's error, its result and its events print every secret as [secret], however printed", async () => {
    const events: RunnerEvent[] = [];
    const watched = scratch.runner("echo.ts", {
      ...producerOptions,
      onEvent: (event) => events.push(event),
    });
    // echo-0 is unchanged (its secrets in the result), echo-1 fails its check.
    const failure = await watched
      .up({ config: { count: "2", "checkFail.echo-1": "rejected by the fixture" } })
      .then(
        () => assert.fail("the up should have failed"),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof LifecycleError);
    const echo = failure.result.resources.find((resource) => resource.name === "echo-0");
    assert.equal(echo?.op, "same");
    assert.equal(revealSecrets(echo?.outputs.token), "token-of-echo-0");

    const printed = {
      "util.inspect": inspect(failure, { depth: Infinity, showHidden: true }),
      // The global console's formatting, written to a string instead of the test's stderr.
      "console.error": consoleOutput((console) => console.error(failure)),
      "String()": String(failure),
      template: `${failure.message} ${failure.result.resources.map((r) => `${r.outputs.token}`)}`,
      "JSON.stringify": JSON.stringify(failure),
      "JSON.stringify(result)": JSON.stringify(failure.result),
      "events (inspect)": inspect(events, { depth: Infinity }),
      "events (JSON)": JSON.stringify(events),
      "the runner": inspect(watched, { depth: Infinity, showHidden: true }),
    };
    for (const [how, text] of Object.entries(printed)) {
      for (const secret of [SECRET_CONFIG, "token-of-echo-0"]) {
        assert.equal(text.includes(secret), false, `${how} shows a secret`);
      }
    }
    for (const how of ["util.inspect", "template", "JSON.stringify"] as const) {
      assert.match(printed[how], /\[secret\]/, `${how} shows where the secret is`);
    }
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
    assert.equal(revealSecrets(result.outputs.producerSecret), SECRET_CONFIG);
    assert.deepEqual(result.secretOutputs, ["producerSecret"]);
    assert.equal(fs.readFileSync(consumer.stateFile, "utf8").includes(SECRET_CONFIG), false);
  });
});
