/**
 * The test harness's own rules (tests/support): an env change is undone however the body ends, a
 * late-bound suite object refuses use before its hook made it, and a new key's CSR is what was asked.
 */
import { strict as assert } from "node:assert";
import { lateBound } from "../support/lateBound";
import { newKeyAndCsr, verifyCsr } from "../support/openssl";
import { pickEnv, whileEnv, whileEnvSync } from "../support/withEnv";

describe("tests/support", () => {
  const SET = "CERTPLANE_SUPPORT_SPEC_SET";
  const UNSET = "CERTPLANE_SUPPORT_SPEC_UNSET";

  const values = { [SET]: undefined, [UNSET]: "during" };
  const failingBody = () => {
    assert.equal(process.env[SET], undefined);
    assert.equal(process.env[UNSET], "during");
    throw new Error("body failed");
  };
  for (const [how, run] of [
    ["whileEnv", () => whileEnv(values, async () => failingBody())],
    ["whileEnvSync", async () => whileEnvSync(values, failingBody)],
  ] as const) {
    it(`${how} sets and unsets for the body, then restores both, also when the body throws`, async () => {
      process.env[SET] = "before";
      delete process.env[UNSET];
      try {
        await assert.rejects(run(), /body failed/);
        assert.equal(process.env[SET], "before");
        assert.equal(
          Object.hasOwn(process.env, UNSET),
          false,
          "an unset variable comes back unset",
        );
      } finally {
        delete process.env[SET];
      }
    });
  }

  it("newKeyAndCsr makes a CSR openssl verifies, over a new P-256 key unless told another", () => {
    const ec = newKeyAndCsr("/O=Example/CN=one");
    const ecCsr = verifyCsr(ec.csrPem);
    assert.equal(ecCsr.subject, "CN=one,O=Example");
    assert.match(ecCsr.text, /ASN1 OID: prime256v1/);
    assert.match(ec.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(verifyCsr(newKeyAndCsr("/CN=two", "rsa:2048").csrPem).text, /\(2048 bit\)/);
  });

  it("pickEnv narrows an env to the named keys, a missing one as undefined", () => {
    assert.deepEqual(pickEnv({ A: "1", B: "2" }, ["A", "C"]), { A: "1", C: undefined });
  });

  it("lateBound throws before it is set, then forwards reads and method calls to the object", () => {
    class Counter {
      #count = 0;
      readonly name = "counter";
      increment() {
        return ++this.#count;
      }
    }
    const bound = lateBound<Counter>("the counter");
    assert.throws(() => bound.proxy.name, {
      message: "the counter was used before its before() hook made it",
    });
    bound.set(new Counter());
    assert.equal(bound.proxy.name, "counter");
    assert.equal(bound.proxy.increment(), 1, "private fields work through the stand-in");
    assert.equal(bound.proxy.increment(), 2);
  });
});
