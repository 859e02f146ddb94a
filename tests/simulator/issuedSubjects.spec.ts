/**
 * The subjects of the certificates the simulator issues hold the caller's values exactly (issue 17):
 * PCA's `CN=<requestedUsername>` + `OU=<role>` for awkward usernames and roles (within what its
 * sign-csr accepts), and NetFoundry's copy of a CSR's subject, whatever the CSR holds. Each is read from
 * the certificate's DER and from certplane's printed `subject`.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseCertificate, parseCsr } from "../../provider/core/x509";
import type { SubjectFields } from "../../provider/csr/subjectAttributes";
import { SimulatorClock } from "../../simulator/core/clock";
import { createFrontdoorCa, signClientCsr } from "../../simulator/netfoundry/pki";
import { certificateSubjectAttributes, csrSubjectAttributes } from "../support/derSubject";
import { readDistinguishedName } from "../support/rfc4514";
import { anySubject, everyFieldHolding, ISSUE_TABLE } from "../support/subjectCases";
import { subjectCsr } from "../support/subjectCsr";
import { request } from "../support/request";
import { withSimulator } from "../support/withSimulator";

const csrFor = async (subject: SubjectFields): Promise<string> =>
  (await subjectCsr(subject)).csrPem;

const PRINTABLE_STRING = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** A user name PCA's sign-csr accepts: no white space and none of , = + < > # ; " \ (1..64 characters). */
const username = fc
  .array(
    fc.oneof(
      fc.constantFrom(..."azAZ09-_.@'()/:?!$%&*[]^`{|}~"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    ),
    { minLength: 1, maxLength: 64 },
  )
  .map((chars) => chars.join(""))
  .filter((name) => /^[^\s,=+<>#;"\\]+$/.test(name));
/** Roles as sign-csr accepts them: letters, digits, `_`, `.` and `-`. */
const roles = fc.array(fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/), { maxLength: 4 });

describe("simulator: issued subjects hold the caller's values exactly (issue 17)", () => {
  describe("PCA sign-csr: CN=<requestedUsername>, OU=<role> per role", () => {
    const sim = withSimulator({ vendors: ["pca", "zitadel"] });
    let csr: string;
    before(async () => {
      csr = await csrFor({ commonName: "ignored by PCA" });
    });

    it("property: any accepted username and roles round-trip through the certificate", async () => {
      await fc.assert(
        fc.asyncProperty(username, roles, async (name, roleList) => {
          const query = new URLSearchParams({
            certduration: "24",
            format: "pem",
            requestedUsername: name,
            assignedRoles: roleList.join(","),
          });
          const answer = await request(
            `${sim.env.CERTPLANE_PCA_URL}/distribution/sign-csr?${query}`,
            {
              method: "POST",
              ca: sim.caCertPem,
              headers: {
                Authorization: `Bearer ${sim.env.CERTPLANE_PCA_TOKEN}`,
                "Content-Type": "application/octet-stream",
              },
              body: csr,
            },
          );
          assert.equal(answer.status, 200, answer.body);
          const values = [name, ...roleList];
          assert.deepEqual(
            certificateSubjectAttributes(answer.body),
            values.map((value, i) => ({
              oid: i === 0 ? "2.5.4.3" : "2.5.4.11",
              stringType: PRINTABLE_STRING.test(value) ? "printableString" : "utf8String",
              value,
            })),
          );
          const info = parseCertificate(answer.body);
          assert.deepEqual(
            readDistinguishedName(info.subject).flat(),
            values.map((value, i) => ({ type: i === 0 ? "CN" : "OU", value })),
          );
          assert.equal(info.issuer, "CN=certplane simulator PCA client CA, O=certplane simulator");
        }),
        { numRuns: 25 },
      );
    });
  });

  describe("NetFoundry signing a CSR: the CSR's subject, as encoded", () => {
    const clock = new SimulatorClock();

    it("regression and property: the issue's table and random subjects are copied byte for byte", async () => {
      const ca = await createFrontdoorCa(clock.now());
      const subjects = [...ISSUE_TABLE.map(everyFieldHolding), ...fc.sample(anySubject, 20)];
      for (const subject of subjects) {
        const csr = await csrFor(subject);
        const issued = await signClientCsr(ca, csr, clock);
        assert.ok(issued, "the simulator refused the CSR");
        assert.deepEqual(certificateSubjectAttributes(issued), csrSubjectAttributes(csr));
        const info = parseCertificate(issued);
        assert.equal(info.subject, (await parseCsr(csr)).subject);
        assert.equal(info.issuer, "C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry");
      }
    });
  });
});
