/**
 * CSRs made by certplane's CertificateRequest hooks (check, then create) for a given subject, all
 * over one key: the subject is under test, not key generation.
 */
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import * as hooks from "../../provider/csr/certificateRequest";
import type { SubjectFields } from "../../provider/csr/subjectAttributes";

const KEY = generateKeyPairSync("ec", { namedCurve: "P-256" })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

/** A CSR for `subject` (check must accept it), and the subject as check passed it on. */
export async function subjectCsr(
  subject: SubjectFields,
): Promise<{ csrPem: string; checkedSubject: unknown }> {
  const checked = await hooks.check({}, { privateKeyPem: KEY, subject });
  assert.deepEqual(checked.failures, []);
  const { outs } = await hooks.create(checked.inputs);
  return { csrPem: outs.certRequestPem, checkedSubject: checked.inputs.subject };
}
