/**
 * Lock discipline for one SBC (vendor-apis.md 1.5 and 5.1). Pulumi runs resources in parallel inside
 * one provider process, but the device has one configuration lock and asyncstatus only knows the latest
 * job, so all configuration work for a device (keyed by its URL) runs one piece at a time:
 * in-process mutex → device lock (423 "Resource locked by another user" retried with capped backoff up
 * to lockTimeoutSeconds) → work → unlock in `finally` (an unlock answering 423 counts as released) →
 * mutex released. The lock is never kept across another resource's calls.
 */
import { whereToSet } from "../core/connection";
import { CertplaneError, VendorApiError, safeMessage } from "../core/errors";
import { log } from "../core/log";
import { LOCKED_BY_ANOTHER_USER, type SbcClient } from "./client";

const queues = new Map<string, Promise<void>>();

/**
 * Runs `work` alone among this process's callers for `key`.
 * @param key - the device key (URL)
 * @param work - the critical section
 */
export async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  queues.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/** Thrown when the lock stayed with someone else for the whole wait. */
export class SbcLockTimeoutError extends CertplaneError {}

/**
 * Takes the device lock, retrying 423 "Resource locked by another user" with capped exponential
 * backoff until `connection.lockTimeoutSeconds` has passed.
 * @param client - the device client
 * @param nowMs - clock for the bound
 * @param sleep - waits between attempts
 */
export async function acquireDeviceLock(
  client: SbcClient,
  nowMs: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const boundMs = client.connection.lockTimeoutSeconds * 1000;
  const started = nowMs();
  let delay = 200;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      await client.lockOnce();
      return;
    } catch (err) {
      const e = err as VendorApiError;
      if (e.status !== 423) throw err;
      const waited = nowMs() - started;
      if (waited >= boundMs) {
        throw new SbcLockTimeoutError(
          `Oracle SBC ${client.connection.url}: the configuration lock is held by another user ` +
            `(the device answered 423 "${e.vendorMessage ?? LOCKED_BY_ANOTHER_USER}" to ${attempts} ` +
            `lock request(s) over ${Math.round(waited / 1000)} s; lockTimeoutSeconds is ` +
            `${client.connection.lockTimeoutSeconds}). Someone is configuring the device through REST, ` +
            `the GUI or the ACLI: let them finish and release it (ACLI "configure terminal" sessions ` +
            `hold it until they exit); a lock left by a lost REST session frees itself when its token ` +
            `expires (10 minutes). Then re-run, or raise lockTimeoutSeconds ` +
            `(${whereToSet("oraclesbc", "lockTimeoutSeconds")}) to wait longer.`,
        );
      }
      const jittered = delay / 2 + Math.random() * (delay / 2);
      await sleep(Math.min(jittered, Math.max(boundMs - waited, 0)));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

/**
 * Runs `work` holding the device's configuration lock, serialized per device in this process. The
 * lock is released in `finally` after success, failure or timeout; a failing unlock is logged and
 * does not hide the work's own error.
 * @param client - the device client
 * @param work - the configuration calls
 */
export async function withConfigurationLock<T>(
  client: SbcClient,
  work: () => Promise<T>,
): Promise<T> {
  return serialized(client.deviceKey, async () => {
    try {
      await acquireDeviceLock(client);
    } catch (err) {
      // A lock request whose answer was lost may have taken the lock: give it back. (Only then: an
      // unlock after a plain refusal could only fail, or release someone else's session.)
      if (err instanceof VendorApiError && err.ambiguous) await releaseLock(client);
      throw err;
    }
    try {
      return await work();
    } finally {
      await releaseLock(client);
    }
  });
}

/** Unlocks; a failing unlock is logged, never thrown, so it cannot hide the work's own error. */
async function releaseLock(client: SbcClient): Promise<void> {
  try {
    await client.unlock();
  } catch (err) {
    log.warn(
      `Oracle SBC ${client.connection.url}: unlock failed (${safeMessage(err)}); the lock frees ` +
        `itself when the token expires (10 minutes).`,
    );
  }
}
