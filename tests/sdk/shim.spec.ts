/**
 * The serialization shim: one provider object per hooks module, so Pulumi's per-object cache
 * serializes the closure once per type instead of once per resource.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { hooksShim, type HooksPath } from "../../sdk/shim";
import { installRecordingMocks, settle } from "../support/recordingMocks";

/**
 * A dynamic resource type of this spec alone. Its hooks path names no module (hence the cast past
 * the compile-time check of real paths): the spec only registers, under mocks, and never loads it.
 */
class ShimOnly extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(hooksShim("spec/shimOnly" as HooksPath), name, {});
  }
}

describe("hooksShim", () => {
  it("returns the same provider object for the same hooks module, another for another", () => {
    assert.equal(hooksShim("csr/certificateRequest"), hooksShim("csr/certificateRequest"));
    assert.notEqual(hooksShim("csr/certificateRequest"), hooksShim("pca/signedCertificate"));
  });

  it("serializes the provider once for many resources of one type", async () => {
    installRecordingMocks();
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
      // A hooks path no other spec uses: Pulumi's cache outlives a spec, so a type another spec
      // already registered would serialize 0 times here.
      const resources = Array.from({ length: 5 }, (_, i) => new ShimOnly(`shared-${i}`));
      await Promise.all(resources.map((r) => settle(r.urn)));
    } finally {
      closure.serializeFunction = original;
    }
    assert.equal(serializations, 1, "one serialization for five resources of one type");
  });
});
