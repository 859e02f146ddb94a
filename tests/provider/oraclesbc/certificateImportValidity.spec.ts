/**
 * oraclesbc.CertificateImport puts nothing expired or not yet valid onto the device (issue 24,
 * item 4), by the provider clock moved around a certificate signed now: check refuses a known PEM
 * (naming notBefore/notAfter and now); create and update refuse one that was unknown at preview
 * before any call — no SBC request, no lock, nothing written (the simulator's request counter and
 * audit); refresh of a certificate that has since expired keeps it, with its notAfter, and warns.
 */
import { strict as assert } from "node:assert";
import { formatInstant } from "../../../provider/core/instant";
import { setLogSink } from "../../../provider/core/log";
import { parseCertificate } from "../../../provider/core/x509";
import * as hooks from "../../../provider/oraclesbc/certificateImport";
import type { CertificateImportInputs } from "../../../provider/oraclesbc/certificateImportInputs";
import * as records from "../../../provider/oraclesbc/certificateRecord";
import { sbcAudit, sbcConnection, withSbcAudit } from "../../support/oraclesbc";
import { OpensslCa } from "../../support/testCa";
import { withSimulator } from "../../support/withSimulator";
import { atInstant } from "../../support/atInstant";

const SECOND_MS = 1000;
/** The subject the simulated device puts in record "tls"'s CSR (its defaults, then the name). */
const SUBJECT = "C=US, ST=MA, L=Burlington, O=Engineering, CN=tls.example.com";
const EXPIRED_FIX =
  "Nothing expired goes onto the SBC: pass a certificate valid now (have the CA sign the record's certRequestPem again; a signer upstream with earlyRenewalHours renews before notAfter).";
const NOT_YET_FIX =
  "Nothing not yet valid goes onto the SBC (TLS peers would refuse it): check the CA's clock and this machine's, or import it once notBefore has passed.";

describe("oraclesbc.CertificateImport: nothing expired or not yet valid goes onto the device", function () {
  const sim = withSimulator({ vendors: ["oraclesbc"] });
  let connection: Record<string, unknown>;
  let ca: OpensslCa;
  /** Record "tls"'s CSR, and a certificate for it (signed now for 30 days), and its validity. */
  let csrPem: string;
  let certificatePem: string;
  let notBefore: Date;
  let notAfter: Date;

  before(() => (ca = OpensslCa.create()));
  beforeEach(async () => {
    await sim.reset();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 20 });
    connection = { ...sbcConnection(sim), lockTimeoutSeconds: 5 };
    const checked = await records.check(
      {},
      { name: "tls", commonName: "tls.example.com", connection },
    );
    const { outs } = await records.create(checked.inputs);
    csrPem = outs.certRequestPem;
    certificatePem = ca.sign(csrPem, 30);
    ({ notBefore, notAfter } = parseCertificate(certificatePem));
  });
  withSbcAudit(sim, { releaseLeftLock: true });

  const afterExpiry = () => new Date(notAfter.getTime() + SECOND_MS);
  const beforeValidity = () => new Date(notBefore.getTime() - 3600 * SECOND_MS);
  const expiredReason = (now: Date) =>
    `certificatePem (${SUBJECT}) has expired: its notAfter is ${formatInstant(notAfter)} and now is ${formatInstant(now)} (the provider clock). ${EXPIRED_FIX}`;
  const notYetReason = (now: Date) =>
    `certificatePem (${SUBJECT}) is not yet valid: its notBefore is ${formatInstant(notBefore)} and now is ${formatInstant(now)} (the provider clock). ${NOT_YET_FIX}`;
  const hasCertificate = () =>
    (sim.inventory().vendors.oraclesbc.records as { hasCertificate: boolean }[])[0].hasCertificate;

  it("failing case (regression): an expired certificate fails check, naming notAfter and now", async () => {
    const now = afterExpiry();
    const res = await atInstant(now, () => hooks.check({}, { recordName: "tls", certificatePem }));
    assert.deepEqual(res.failures, [{ property: "certificatePem", reason: expiredReason(now) }]);
    assert.equal(res.inputs.certificatePem, certificatePem, "the value given is kept");
  });

  it("failing case: a certificate not yet valid fails check, naming notBefore and now", async () => {
    const now = beforeValidity();
    const res = await atInstant(now, () => hooks.check({}, { recordName: "tls", certificatePem }));
    assert.deepEqual(res.failures, [{ property: "certificatePem", reason: notYetReason(now) }]);
  });

  it("valid from notBefore through notAfter, both included (RFC 5280)", async () => {
    for (const now of [notBefore, notAfter]) {
      const res = await atInstant(now, () =>
        hooks.check({}, { recordName: "tls", certificatePem }),
      );
      assert.deepEqual(res.failures, [], formatInstant(now));
    }
  });

  it("failing case: an expired certificate in chainPem fails check naming which one", async () => {
    const caInfo = parseCertificate(ca.certPem);
    const now = new Date(Math.max(notAfter.getTime(), caInfo.notAfter.getTime()) + SECOND_MS);
    const chainPem = ca.certPem + ca.certPem;
    const res = await atInstant(now, () =>
      hooks.check({}, { recordName: "tls", certificatePem, chainPem }),
    );
    const chainReason = (i: number) =>
      `chainPem's certificate ${i} of 2 (CN=SBC test CA) has expired: its notAfter is ${formatInstant(caInfo.notAfter)} and now is ${formatInstant(now)} (the provider clock). ${EXPIRED_FIX}`;
    assert.deepEqual(res.failures, [
      { property: "certificatePem", reason: expiredReason(now) },
      { property: "chainPem", reason: chainReason(1) },
      { property: "chainPem", reason: chainReason(2) },
    ]);
  });

  it("during preview an unknown certificatePem is skipped, never failed", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const res = await atInstant(afterExpiry(), () =>
      hooks.check({}, { recordName: "tls", certificatePem: unknown }),
    );
    assert.deepEqual(res.failures, []);
  });

  it("failing case: create with a PEM unknown at preview and expired now fails before any SBC call (no lock, nothing imported)", async () => {
    const inputs = (await hooks.check({}, { recordName: "tls", certificatePem, connection }))
      .inputs as unknown as CertificateImportInputs;
    const calls = sim.countOf({ vendor: "oraclesbc" });
    const locks = (await sbcAudit(sim)).locks;
    const now = afterExpiry();
    await assert.rejects(
      atInstant(now, () => hooks.create(inputs as unknown as Record<string, unknown>)),
      { name: "CertplaneError", message: expiredReason(now) },
    );
    assert.equal(sim.countOf({ vendor: "oraclesbc" }), calls, "no request reached the SBC");
    const audit = await sbcAudit(sim);
    assert.equal(audit.locks, locks, "no lock was taken");
    assert.equal(hasCertificate(), false, "nothing was imported");
  });

  it("failing case: update to a certificate not yet valid fails before any SBC call; the device keeps the old one", async () => {
    const first = (await hooks.check({}, { recordName: "tls", certificatePem, connection }))
      .inputs as unknown as CertificateImportInputs;
    const { outs } = await hooks.create(first as unknown as Record<string, unknown>);
    // A CA whose clock runs ahead signs a renewal: judged by a provider clock before its notBefore.
    const renewed = { ...first, certificatePem: ca.sign(csrPem, 60) };
    const renewedNotBefore = parseCertificate(renewed.certificatePem).notBefore;
    const now = new Date(renewedNotBefore.getTime() - 60 * SECOND_MS);
    const calls = sim.countOf({ vendor: "oraclesbc" });
    const error = await atInstant(now, () =>
      hooks.update("tls", outs, renewed as unknown as Record<string, unknown>),
    ).then(
      () => assert.fail("update should have failed"),
      (e: Error) => e,
    );
    assert.equal(
      error.message,
      `certificatePem (${SUBJECT}) is not yet valid: its notBefore is ${formatInstant(renewedNotBefore)} and now is ${formatInstant(now)} (the provider clock). ${NOT_YET_FIX}`,
    );
    assert.equal(sim.countOf({ vendor: "oraclesbc" }), calls, "no request reached the SBC");
    const seen = await hooks.read("tls", outs as unknown as Record<string, unknown>);
    assert.equal(
      (seen.props as { fingerprintSha256: string }).fingerprintSha256,
      outs.fingerprintSha256,
    );
  });

  it("refresh of a certificate that has since expired keeps it, with its notAfter, and warns what to do", async () => {
    const inputs = (await hooks.check({}, { recordName: "tls", certificatePem, connection }))
      .inputs as unknown as CertificateImportInputs;
    const { outs } = await hooks.create(inputs as unknown as Record<string, unknown>);
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    const now = afterExpiry();
    try {
      const seen = await atInstant(now, () =>
        hooks.read("tls", outs as unknown as Record<string, unknown>),
      );
      assert.equal(seen.id, "tls");
      assert.equal((seen.props as { notAfter: string }).notAfter, formatInstant(notAfter));
    } finally {
      restore();
    }
    assert.deepEqual(lines, [
      `certplane warning: the certificate in Oracle SBC certificate-record "tls" expired at ${formatInstant(notAfter)} (now is ${formatInstant(now)}, the provider clock). Give CertificateImport a certificate valid now (renew the signer upstream) and run \`pulumi up\`.`,
    ]);
  });
});
