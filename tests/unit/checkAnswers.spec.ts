/**
 * No resource's `check` can hand the engine what protobuf's Struct cannot carry: every resource's
 * real check, fed generated inputs (any JSON value or the preview's unknown sentinel, under each
 * input name the resource knows), answers inputs that convert to a Struct and back unchanged, with
 * no `undefined` anywhere, and failures as property/reason strings.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "../../provider/core/validation";
import * as sshCertificate from "../../provider/appviewx/sshCertificate";
import * as certificateRequest from "../../provider/csr/certificateRequest";
import * as clientCertificate from "../../provider/netfoundry/clientCertificate";
import * as certificateImport from "../../provider/oraclesbc/certificateImport";
import * as certificateRecord from "../../provider/oraclesbc/certificateRecord";
import * as personalAccessToken from "../../provider/pca/personalAccessToken";
import * as signedCertificate from "../../provider/pca/signedCertificate";
import { RULES } from "../provider/checkThroughServer/rejectedInputs";

type Check = (
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
) => Promise<{ inputs: Record<string, unknown>; failures: unknown[] }>;

const CHECKS: Record<string, Check> = {
  CertificateRequest: certificateRequest.check,
  "pca.SignedCertificate": signedCertificate.check,
  "pca.PersonalAccessToken": personalAccessToken.check,
  "appviewx.SshCertificate": sshCertificate.check,
  "netfoundry.ClientCertificate": clientCertificate.check,
  "oraclesbc.CertificateRecord": certificateRecord.check,
  "oraclesbc.CertificateImport": certificateImport.check,
};

function holdsUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(holdsUndefined);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUndefined);
  return false;
}

describe("every resource's check answers what the engine can carry, whatever the inputs", () => {
  for (const { type, base, rejects } of RULES) {
    it(`${type}: generated inputs never make an answer protobuf's Struct refuses`, async () => {
      // Every input name the resource's table knows, each given a value, the sentinel, or none.
      const names = [
        ...new Set([...Object.keys(base), ...rejects.flatMap((r) => Object.keys(r.args ?? {}))]),
      ];
      const value = fc.oneof(fc.jsonValue(), fc.constant(UNKNOWN));
      const inputs = fc.record(Object.fromEntries(names.map((n) => [n, value])), {
        requiredKeys: [],
      });
      const withBase = fc.oneof(
        inputs,
        inputs.map((given) => ({ ...base, ...given })),
      );
      await fc.assert(
        fc.asyncProperty(withBase, async (news) => {
          const answer = await CHECKS[type]({}, news);
          assert.equal(holdsUndefined(answer.inputs), false);
          const carried = Struct.fromJavaScript(answer.inputs as never).toJavaScript();
          assert.deepEqual(carried, answer.inputs);
          for (const failure of answer.failures) {
            const { property, reason } = failure as Record<string, unknown>;
            assert.equal(typeof property, "string");
            assert.equal(typeof reason, "string");
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
