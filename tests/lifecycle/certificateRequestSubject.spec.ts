/**
 * CertificateRequest subjects through the lifecycle runner (the dynamic-provider server, as a user's
 * program runs it): issue 17's table and a random sample of subjects reach the CSRs exactly, and values a
 * CSR cannot hold fail at check — in preview, naming the field and the bound — and never at create.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import fc from "fast-check";
import type { SubjectFields } from "../../provider/csr/subjectAttributes";
import { LifecycleError } from "../../testing";
import { csrSubjectAttributes } from "../support/derSubject";
import { opensslSubject } from "../support/opensslName";
import {
  anySubject,
  everyFieldHolding,
  expectedAttributes,
  ISSUE_TABLE,
} from "../support/subjectCases";
import { withProgram } from "../support/withExample";

const PROGRAM = path.join(__dirname, "..", "fixtures", "certificateRequest", "subjects.ts");

describe("CertificateRequest subjects through the lifecycle runner (issue 17)", () => {
  // Two stacks, each in its own state folder: the subjects made, and the subjects refused.
  const made = withProgram(PROGRAM, { simulator: false });
  const refused = withProgram(PROGRAM, { simulator: false });

  it("up makes CSRs holding the issue's table and random subjects exactly; openssl verifies each", async () => {
    const subjects: SubjectFields[] = [
      ...ISSUE_TABLE.map(everyFieldHolding),
      ...fc.sample(anySubject, { numRuns: 6 }),
    ];
    const { runner } = made;

    const result = await runner.up({ config: { subjects: JSON.stringify(subjects) } });

    assert.equal(result.counts.create, subjects.length);
    const csrs = result.outputs.csrs as string[];
    subjects.forEach((subject, i) => {
      assert.deepEqual(csrSubjectAttributes(csrs[i]), expectedAttributes(subject), `subject ${i}`);
      opensslSubject("req", csrs[i]);
    });
    await runner.destroy();
  });

  // Each row: a subject a CSR cannot hold, and the failure check must report.
  const rejected: Array<[SubjectFields, string, string]> = [
    [
      { commonName: "c".repeat(65) },
      "subject.commonName",
      `subject.commonName must have at most 64 characters, the most a CSR's commonName can hold (RFC 5280 ub-common-name); got 65: "${"c".repeat(65)}".`,
    ],
    [
      { commonName: "a", serialNumber: "SN_1" },
      "subject.serialNumber",
      `subject.serialNumber must use only the characters of an ASN.1 PrintableString (letters, digits, space and ' ( ) + , - . / : = ?), the only string type serialNumber has in a certificate; got "SN_1".`,
    ],
    [
      { emailAddress: "zoë@example.com" },
      "subject.emailAddress",
      'subject.emailAddress must be ASCII: emailAddress is an IA5String in a certificate (PKCS#9); got "zoë@example.com".',
    ],
  ];
  it("rejects what a CSR cannot hold at check, in preview and up, naming field and bound; creates nothing", async () => {
    const { runner } = refused;
    const config = { subjects: JSON.stringify(rejected.map(([subject]) => subject)) };
    for (const run of [() => runner.preview({ config }), () => runner.up({ config })]) {
      const error = await run().then(
        () => assert.fail("the run should have failed"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof LifecycleError);
      assert.deepEqual(
        [...error.errors]
          .sort((a, b) => String(a.name).localeCompare(String(b.name)))
          .map((e) => [e.kind, e.name, e.failures]),
        rejected.map(([, property, reason], i) => [
          "check",
          `subject-${i}`,
          [{ property, reason }],
        ]),
      );
    }
    assert.deepEqual((await runner.state()).resources, []);
  });
});
