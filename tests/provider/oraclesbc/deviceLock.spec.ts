// The lock discipline in isolation, with a scripted client: per-device serialization, unlock in
// `finally` after a failure, an unlock failure not hiding the work's error, the 423 retry bound
// measured on an injected clock, and errors other than 423 not retried.
import { strict as assert } from "node:assert";
import type { SbcClient } from "../../../provider/oraclesbc/client";
import {
  acquireDeviceLock,
  serialized,
  withConfigurationLock,
} from "../../../provider/oraclesbc/deviceLock";
import { vendorError } from "../../../provider/core/errors";
import { setLogSink } from "../../../provider/core/log";

function locked423() {
  return vendorError(
    {
      vendor: "Oracle SBC",
      kind: "locked",
      status: 423,
      vendorMessage: "Resource locked by another user",
    },
    "locked",
  );
}

function scriptedClient(script: { lock?: () => Promise<void>; unlock?: () => Promise<void> }) {
  const calls: string[] = [];
  const client = {
    deviceKey: "https://sbc.test",
    connection: { url: "https://sbc.test", lockTimeoutSeconds: 30 },
    lockOnce: async () => {
      calls.push("lock");
      await script.lock?.();
    },
    unlock: async () => {
      calls.push("unlock");
      await script.unlock?.();
    },
  };
  return { client: client as unknown as SbcClient, calls };
}

describe("oraclesbc lock discipline (unit)", () => {
  it("serialized runs work for one device one at a time, in arrival order", async () => {
    const trace: string[] = [];
    const job = (name: string, ms: number) =>
      serialized("dev", async () => {
        trace.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms));
        trace.push(`${name}-`);
      });
    await Promise.all([job("a", 30), job("b", 5), job("c", 1)]);
    assert.deepEqual(trace, ["a+", "a-", "b+", "b-", "c+", "c-"]);
  });

  it("serialized does not block another device", async () => {
    const trace: string[] = [];
    await Promise.all([
      serialized("one", async () => {
        await new Promise((r) => setTimeout(r, 30));
        trace.push("one");
      }),
      serialized("two", async () => {
        trace.push("two");
      }),
    ]);
    assert.deepEqual(trace, ["two", "one"]);
  });

  it("failing case: work that throws still unlocks, and the next caller proceeds", async () => {
    const { client, calls } = scriptedClient({});
    await assert.rejects(
      withConfigurationLock(client, async () => {
        calls.push("work");
        throw new Error("boom");
      }),
      { message: "boom" },
    );
    await withConfigurationLock(client, async () => {
      calls.push("work2");
    });
    assert.deepEqual(calls, ["lock", "work", "unlock", "lock", "work2", "unlock"]);
  });

  it("failing case: a failing unlock is logged and does not hide the work's own error", async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      const { client } = scriptedClient({
        unlock: async () => {
          throw new Error("socket hang up");
        },
      });
      await assert.rejects(
        withConfigurationLock(client, async () => {
          throw new Error("work failed");
        }),
        { message: "work failed" },
      );
      assert.deepEqual(lines, [
        "certplane warning: Oracle SBC https://sbc.test: unlock failed (socket hang up); the lock " +
          "frees itself when the token expires (10 minutes).",
      ]);
    } finally {
      restore();
    }
  });

  it("a 423 is retried with growing, capped waits until the lock is free", async () => {
    let failures = 3;
    const { client, calls } = scriptedClient({
      lock: async () => {
        if (failures-- > 0) throw locked423();
      },
    });
    let now = 0;
    const waits: number[] = [];
    await acquireDeviceLock(
      client,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    assert.equal(calls.length, 4);
    assert.equal(waits.length, 3);
    // Full jitter within [delay/2, delay] for delays 200, 400, 800.
    [200, 400, 800].forEach((d, i) => assert.ok(waits[i] >= d / 2 && waits[i] <= d, `${waits}`));
  });

  it("failing case: a 423 that never clears ends at lockTimeoutSeconds with the holder and the fix", async () => {
    const { client } = scriptedClient({
      lock: async () => {
        throw locked423();
      },
    });
    let now = 0;
    await assert.rejects(
      acquireDeviceLock(
        client,
        () => now,
        async (ms) => {
          now += ms;
        },
      ),
      (err: Error) => {
        assert.match(
          err.message,
          /^Oracle SBC https:\/\/sbc\.test: the configuration lock is held by another user \(the device answered 423 "Resource locked by another user" to \d+ lock request\(s\) over 30 s; lockTimeoutSeconds is 30\)\./,
        );
        return true;
      },
    );
    assert.equal(now, 30_000, "waited exactly up to the bound");
  });

  it("failing case: errors other than 423 are not retried", async () => {
    const { client, calls } = scriptedClient({
      lock: async () => {
        throw vendorError({ vendor: "Oracle SBC", kind: "authentication", status: 401 }, "no");
      },
    });
    await assert.rejects(acquireDeviceLock(client), { status: 401 } as never);
    assert.deepEqual(calls, ["lock"]);
  });
});
