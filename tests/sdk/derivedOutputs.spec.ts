/**
 * The outputs a class derives on read (sdk/derivedOutputs.ts): the parts joined in order, a part
 * missing from state counted as empty, and a secret part makes the whole secret.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { concatenation } from "../../sdk/derivedOutputs";
import { installRecordingMocks, settle } from "../support/recordingMocks";

describe("sdk: outputs derived on read", () => {
  before(() => installRecordingMocks(() => ({})));

  it("joins the parts in order", async () => {
    const joined = concatenation(pulumi.output("LEAF\n"), pulumi.output("ISSUER\n"));
    assert.deepEqual(await settle(joined), { value: "LEAF\nISSUER\n", secret: false });
  });

  it('counts a part absent from state as "" (never the text "undefined")', async () => {
    const joined = concatenation(pulumi.output("LEAF\n"), pulumi.output(undefined));
    assert.deepEqual(await settle(joined), { value: "LEAF\n", secret: false });
  });

  it("is secret when a part is", async () => {
    const joined = concatenation(pulumi.output("LEAF\n"), pulumi.secret("ISSUER\n"));
    assert.deepEqual(await settle(joined), { value: "LEAF\nISSUER\n", secret: true });
  });
});
