/**
 * Every time output of every resource is in the one format (issue 24: they came in `…Z`,
 * `….000Z` and `….132Z`): each type made through its hooks against the simulator, and every output
 * string that reads as a time — at any depth — checked.
 */
import { strict as assert } from "node:assert";
import { destroyAgents } from "../../provider/core/tlsAgent";
import {
  createAt,
  createCertificateRequest,
  VENDOR_CALLS,
  type Created,
} from "../support/hookCalls";
import { withSimulator } from "../support/withSimulator";

const ONE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const LOOKS_LIKE_A_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;

/** Paths (`a.b[0]`) of the string values under `value` that look like times. */
function timePaths(value: unknown, at = ""): [string, string][] {
  if (typeof value === "string") return LOOKS_LIKE_A_TIME.test(value) ? [[at, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => timePaths(item, `${at}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      timePaths(item, at ? `${at}.${key}` : key),
    );
  }
  return [];
}

describe("provider: one time format for every output", function () {
  this.timeout(120_000);
  const sim = withSimulator();
  after(() => destroyAgents());

  it("RFC 3339, UTC, whole seconds, for each of the seven types", async () => {
    const made: Created[] = [await createCertificateRequest()];
    for (const [serial, vendor] of VENDOR_CALLS.entries()) {
      made.push(...(await createAt(sim, vendor, serial)));
    }
    const found: Record<string, string[]> = {};
    for (const { resource, outs } of made) {
      const times = timePaths(outs);
      found[resource] = times.map(([path]) => path).sort();
      for (const [path, value] of times) {
        assert.match(value, ONE_FORMAT, `${resource}.${path} = ${value}`);
      }
    }
    assert.deepEqual(found, {
      CertificateRequest: ["keyCreatedAt"],
      "pca.SignedCertificate": ["notAfter", "notBefore"],
      "pca.PersonalAccessToken": ["expirationDate"],
      "appviewx.SshCertificate": ["notAfter", "validFrom", "validTo"],
      "netfoundry.ClientCertificate": ["createdAt", "notAfter"],
      "oraclesbc.CertificateRecord": [],
      "oraclesbc.CertificateImport": ["notAfter"],
    });
  });
});
