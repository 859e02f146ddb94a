/** Reading secrets in the plugin's answers (Pulumi's wire format: testing/wire.ts). */
import { strict as assert } from "node:assert";
import { isSecret, type WireValue } from "../../../testing/wire";

/** Asserts `wire` is a secret envelope (the whole value) and returns what it holds. */
export function secretValue(wire: WireValue | undefined, what: string): WireValue | undefined {
  assert.ok(isSecret(wire), `${what} is not marked secret: ${JSON.stringify(wire)?.slice(0, 80)}`);
  return wire.value;
}
