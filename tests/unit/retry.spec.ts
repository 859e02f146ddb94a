import assert from "node:assert/strict";
import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfterMs,
} from "../../provider/core/retry";

const mid = () => 0.5;

describe("retry decisions", () => {
  it("retries an idempotent GET on 500, 502, 503, 504, 408 and 429", () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      assert.equal(
        decideRetry({ attempt: 1, method: "GET", status }, DEFAULT_RETRY_POLICY, mid).retry,
        true,
        `status ${status}`,
      );
    }
  });

  it("does not retry 400, 401, 403, 404, 409 or 423", () => {
    for (const status of [400, 401, 403, 404, 409, 423]) {
      assert.equal(
        decideRetry({ attempt: 1, method: "GET", status }).retry,
        false,
        `status ${status}`,
      );
    }
  });

  it("retries a POST only on 429 and 503, never on 500", () => {
    assert.equal(
      decideRetry({ attempt: 1, method: "POST", status: 503 }, DEFAULT_RETRY_POLICY, mid).retry,
      true,
    );
    assert.equal(
      decideRetry({ attempt: 1, method: "POST", status: 429 }, DEFAULT_RETRY_POLICY, mid).retry,
      true,
    );
    const d = decideRetry({ attempt: 1, method: "POST", status: 500 });
    assert.equal(d.retry, false);
    assert.equal(d.reason, "HTTP 500 is not retried for a non-idempotent call");
  });

  it("treats a POST marked idempotent (a search) like a GET", () => {
    assert.equal(
      decideRetry(
        { attempt: 1, method: "POST", idempotent: true, status: 500 },
        DEFAULT_RETRY_POLICY,
        mid,
      ).retry,
      true,
    );
  });

  it("never retries a POST after a timeout or reset (ambiguous), but does after a refused connection", () => {
    for (const errorCode of ["ETIMEDOUT", "ECONNRESET", "ECONNABORTED", "EMALFORMED"]) {
      const d = decideRetry({ attempt: 1, method: "POST", errorCode });
      assert.equal(d.retry, false, errorCode);
      assert.equal(d.reason, `${errorCode} after sending is ambiguous for a non-idempotent call`);
    }
    assert.equal(
      decideRetry(
        { attempt: 1, method: "POST", errorCode: "ECONNREFUSED" },
        DEFAULT_RETRY_POLICY,
        mid,
      ).retry,
      true,
    );
  });

  it("retries GET transport failures but not TLS verification failures", () => {
    assert.equal(
      decideRetry({ attempt: 1, method: "GET", errorCode: "ECONNRESET" }, DEFAULT_RETRY_POLICY, mid)
        .retry,
      true,
    );
    assert.equal(
      decideRetry({ attempt: 1, method: "GET", errorCode: "SELF_SIGNED_CERT_IN_CHAIN" }).retry,
      false,
    );
  });

  it("stops after maxAttempts", () => {
    const d = decideRetry({ attempt: 4, method: "GET", status: 503 });
    assert.deepEqual(d, { retry: false, delayMs: 0, reason: "gave up after 4 attempts" });
  });

  it("waits at least Retry-After seconds", () => {
    const d = decideRetry(
      { attempt: 1, method: "GET", status: 503, retryAfter: "3" },
      DEFAULT_RETRY_POLICY,
      mid,
    );
    assert.equal(d.retry, true);
    assert.equal(d.delayMs, 3000);
  });

  it("gives up when Retry-After exceeds the bound", () => {
    const d = decideRetry({ attempt: 1, method: "GET", status: 429, retryAfter: "120" });
    assert.deepEqual(d, {
      retry: false,
      delayMs: 0,
      reason: "Retry-After 120 s exceeds the 60 s bound",
    });
  });

  it("backs off exponentially with jitter in [step/2, step], capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(
      backoffDelayMs(1, policy, () => 0),
      50,
    );
    assert.equal(
      backoffDelayMs(1, policy, () => 0.999999),
      100,
    );
    assert.equal(
      backoffDelayMs(3, policy, () => 0),
      200,
    );
    assert.equal(
      backoffDelayMs(10, policy, () => 0),
      500,
    );
    assert.equal(
      backoffDelayMs(10, policy, () => 0.999999),
      1000,
    );
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    assert.equal(parseRetryAfterMs("2"), 2000);
    assert.equal(parseRetryAfterMs("0.5"), 500);
    const now = Date.parse("2026-11-25T10:00:00Z");
    assert.equal(parseRetryAfterMs("Wed, 25 Nov 2026 10:00:07 GMT", now), 7000);
    assert.equal(parseRetryAfterMs("soon"), undefined);
    assert.equal(parseRetryAfterMs(undefined), undefined);
  });
});
