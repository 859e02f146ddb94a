/**
 * The shared check plumbing (provider/core/checkHook.ts, wireValue.ts): whatever a validator
 * returns, the answer converts to protobuf's Struct as the dynamic-provider server converts it, holds
 * no `undefined` at any depth, keeps the user's value for each rejected input, and carries every
 * failure as two strings.
 */
import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { answerCheck, checkHook, inputKey } from "../../provider/core/checkHook";
import { toWireValue } from "../../provider/core/wireValue";
import type { CheckFailure } from "../../provider/core/validation";

/** What the dynamic-provider server does with check's inputs (cmd/dynamic-provider/index.js). */
function throughStruct(inputs: Record<string, unknown>): unknown {
  return Struct.fromJavaScript(inputs as never).toJavaScript();
}

/** Whether `value` holds `undefined` anywhere (as a value, an array entry or an object field). */
function holdsUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(holdsUndefined);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUndefined);
  return false;
}

describe("check plumbing: the answer always reaches the engine", () => {
  const undefinedAtEveryDepth = {
    top: undefined,
    kept: "k",
    nested: { gone: undefined, deeper: { gone: undefined, kept: 1 } },
    list: [undefined, "a", { gone: undefined, kept: true }, [undefined, null]],
  };

  it("the failing case: protobuf's Struct refuses undefined with the message users saw", () => {
    assert.throws(() => throughStruct({ expirationDate: undefined }), {
      message: "Unexpected struct type.",
    });
  });

  it("drops undefined at every depth; other entries keep their order and null stays null", () => {
    const { inputs } = answerCheck({}, { inputs: undefinedAtEveryDepth, failures: [] });

    const expected = {
      kept: "k",
      nested: { deeper: { kept: 1 } },
      list: ["a", { kept: true }, [null]],
    };
    assert.deepEqual(inputs, expected);
    assert.equal(holdsUndefined(inputs), false);
    assert.deepEqual(throughStruct(inputs), expected);
  });

  it("a rejected input keeps the value the user gave, at any depth of its property path", async () => {
    const given = {
      expirationDate: "next tuesday",
      principals: ["ok", "a b"],
      revocation: { groupName: "" },
      keySize: 1024,
      name: "fine",
    };
    const check = checkHook(() => ({
      inputs: {
        expirationDate: undefined,
        principals: ["ok"],
        revocation: { groupName: undefined },
        keySize: 2048,
        name: "fine",
      },
      failures: [
        { property: "expirationDate", reason: "bad date" },
        { property: "principals[1]", reason: "bad principal" },
        { property: "revocation.groupName", reason: "required" },
        { property: "keySize", reason: "too small" },
      ],
    }));

    const answer = await check({}, { ...given, __provider: "serialized shim" });

    assert.deepEqual(answer.inputs, given);
    assert.deepEqual(throughStruct(answer.inputs), given);
    assert.deepEqual(
      answer.failures.map((f) => f.property),
      ["expirationDate", "principals[1]", "revocation.groupName", "keySize"],
    );
  });

  it("a failure on an input the user did not give leaves the validator's value (cleaned)", () => {
    const { inputs } = answerCheck(
      { certDurationHours: 24 },
      {
        inputs: { certDurationHours: 24, earlyRenewalHours: 0, privateKeyPem: undefined },
        failures: [{ property: "earlyRenewalHours", reason: "too long" }],
      },
    );
    assert.deepEqual(inputs, { certDurationHours: 24, earlyRenewalHours: 0 });
  });

  it("the validator's inputs are not modified (the answer is a copy)", () => {
    const validated = { a: undefined, b: { c: undefined } };
    answerCheck({ a: "x" }, { inputs: validated, failures: [{ property: "a", reason: "r" }] });
    assert.deepEqual(Object.keys(validated), ["a", "b"]);
    assert.deepEqual(Object.keys(validated.b), ["c"]);
  });

  it("failures reach the engine as property and reason strings, whatever the validator built", () => {
    const { failures } = answerCheck(
      {},
      {
        inputs: {},
        failures: [
          { property: "a", reason: "kept as is" },
          { property: undefined, reason: "no property" },
          { property: "b", reason: undefined },
          "a bare text",
          null,
        ] as unknown as CheckFailure[],
      },
    );
    assert.deepEqual(failures, [
      { property: "a", reason: "kept as is" },
      { property: "", reason: "no property" },
      { property: "b", reason: "" },
      { property: "", reason: "a bare text" },
      { property: "", reason: "" },
    ]);
  });

  it("inputKey: the top-level input of a property path", () => {
    assert.deepEqual(
      ["name", "subject.commonName", "principals[2]", "a.b[0].c", ""].map(inputKey),
      ["name", "subject", "principals", "a", ""],
    );
  });
});

describe("toWireValue: only what protobuf's Struct carries and a JSON state can hold", () => {
  it("drops functions, symbols, NaN and infinities like undefined", () => {
    const value = {
      fn: () => 1,
      sym: Symbol("s"),
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      list: [Number.NEGATIVE_INFINITY, 0, () => 2],
      zero: 0,
      no: false,
      empty: "",
    };
    assert.deepEqual(toWireValue(value), { list: [0], zero: 0, no: false, empty: "" });
  });

  it("a Date becomes its ISO text, bytes their base64, a bigint its decimal text", () => {
    const value = {
      at: new Date("2027-01-31T00:00:00Z"),
      invalidDate: new Date("not a date"),
      der: Buffer.from([1, 2, 255]),
      bytes: new Uint8Array([104, 105]),
      big: 2n ** 70n,
    };
    const wire = toWireValue(value);
    assert.deepEqual(wire, {
      at: "2027-01-31T00:00:00.000Z",
      der: "AQL/",
      bytes: "aGk=",
      big: "1180591620717411303424",
    });
    assert.deepEqual(throughStruct(wire as Record<string, unknown>), wire);
  });

  it("the failing case: Struct refuses a Buffer, and an object with an enumerable inherited method", () => {
    function Legacy(this: { own: string }) {
      this.own = "yes";
    }
    Legacy.prototype.describe = function () {
      return "inherited and enumerable";
    };
    const legacy = new (Legacy as unknown as new () => { own: string })();
    for (const value of [Buffer.from([1]), legacy]) {
      assert.throws(() => throughStruct({ value }), { message: "Unexpected struct type." });
    }
    assert.deepEqual(toWireValue({ legacy }), { legacy: { own: "yes" } });
  });

  it("other objects become plain objects of their own enumerable fields; a cycle is cut", () => {
    class Info {
      own = "yes";
      get derived(): string {
        return "not an own field";
      }
    }
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const shared = { s: 1 };
    const wire = toWireValue({
      info: new Info(),
      map: new Map([["k", "v"]]),
      cyclic,
      twice: [shared, shared],
    });
    assert.deepEqual(wire, {
      info: { own: "yes" },
      map: {},
      cyclic: { name: "loop" },
      twice: [{ s: 1 }, { s: 1 }],
    });
  });

  it("the failing case: a `__proto__` key (JSON.parse makes one) is dropped, not made a prototype", () => {
    // Found by tests/unit/checkAnswers.spec.ts: `{"adoptExisting":{"__proto__":null}}` echoed back as
    // a rejected input became an object without a prototype, which Struct carries back as `{}`.
    const given = JSON.parse('{"a":{"__proto__":null,"b":1},"__proto__":{"c":2}}') as object;
    const copied = toWireValue(given) as Record<string, unknown>;
    assert.deepEqual(copied, { a: { b: 1 } });
    assert.equal(Object.getPrototypeOf(copied.a), Object.prototype);
    assert.deepEqual(throughStruct(copied), copied);
  });

  it("scalars pass unchanged; a dropped kind at the top is undefined", () => {
    assert.deepEqual(["text", 1.5, true, null, undefined, () => 0].map(toWireValue), [
      "text",
      1.5,
      true,
      null,
      undefined,
      undefined,
    ]);
  });
});
