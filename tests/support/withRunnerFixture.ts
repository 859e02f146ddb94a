/**
 * For the runner's own specs: a scratch folder for the fixture provider (removed after the suite),
 * and after each test the check that its runs left no child process behind.
 */
import { strict as assert } from "node:assert";
import { childPids, Scratch } from "../fixtures/runner/helpers";

/** The suite's scratch folder; `leftoverMessage` is the assertion message for a leftover child. */
export function withRunnerFixture(leftoverMessage = "a run left a child process behind"): Scratch {
  const scratch = new Scratch();
  let childrenBefore: number[] = [];
  beforeEach(() => (childrenBefore = childPids()));
  afterEach(() => {
    const leftovers = childPids().filter((pid) => !childrenBefore.includes(pid));
    assert.deepEqual(leftovers, [], leftoverMessage);
  });
  after(() => scratch.remove());
  return scratch;
}
