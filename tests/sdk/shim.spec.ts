/**
 * The serialization shim: one provider object per hooks module, so Pulumi's per-object cache
 * serializes the closure once per type instead of once per resource.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { hooksShim, type HooksPath } from "../../sdk/shim";
import { installRecordingMocks, settle } from "../support/recordingMocks";

describe("hooksShim", () => {
  it("returns the same provider object for the same hooks module, another for another", () => {
    assert.equal(hooksShim("csr/certificateRequest"), hooksShim("csr/certificateRequest"));
    assert.notEqual(hooksShim("csr/certificateRequest"), hooksShim("pca/signedCertificate"));
  });

  it("serializes the provider once for many resources of one type", async () => {
    installRecordingMocks();
    // Pulumi's per-object cache lives in dynamic/index.js and outlives a spec, so a type another
    // spec registered would serialize 0 times here: a fresh copy of that module has an empty cache.
    const dynamicPath = require.resolve("@pulumi/pulumi/dynamic");
    const cached = require.cache[dynamicPath];
    delete require.cache[dynamicPath];
    const freshDynamic = require(dynamicPath) as typeof pulumi.dynamic;
    if (cached) require.cache[dynamicPath] = cached;
    class FreshRequest extends freshDynamic.Resource {
      constructor(name: string) {
        super(hooksShim("csr/certificateRequest"), name, {});
      }
    }
    // dynamic/index.js calls serializeFunction through this module object, so a swap is seen.
    const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
      serializeFunction: (...args: unknown[]) => unknown;
    };
    const original = closure.serializeFunction;
    let serializations = 0;
    closure.serializeFunction = (...args) => {
      serializations++;
      return original(...args);
    };
    try {
      const resources = Array.from({ length: 5 }, (_, i) => new FreshRequest(`shared-${i}`));
      await Promise.all(resources.map((r) => settle(r.urn)));
    } finally {
      closure.serializeFunction = original;
    }
    assert.equal(serializations, 1, "one serialization for five resources of one type");
  });

  it("failing case: a hooks path no resource has is refused, naming it", () => {
    assert.throws(
      () => hooksShim("spec/nothing" as HooksPath),
      /^Error: no certplane resource has the hooks path spec\/nothing$/,
    );
  });
});
