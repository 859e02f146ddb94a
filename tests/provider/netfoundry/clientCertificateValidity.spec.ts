/**
 * netfoundry.ClientCertificate uploads nothing expired or not yet valid (issue 24, item 4), by the
 * provider clock moved around a certificate made now: check refuses a known `certificatePem`
 * (naming notAfter/notBefore and now); create and update refuse one that was unknown at preview
 * before any NetFoundry call (the simulator's request counter). CSR mode is not concerned: NetFoundry
 * issues that certificate itself.
 */
import { strict as assert } from "node:assert";
import { formatInstant } from "../../../provider/core/instant";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import { parseCertificate } from "../../../provider/core/x509";
import {
  check,
  create,
  remove,
  update,
  type ClientCertificateOutputs,
} from "../../../provider/netfoundry/clientCertificate";
import type { ClientCertificateInputs } from "../../../provider/netfoundry/clientCertificateInputs";
import { selfSignedCertificate } from "../../support/testCa";
import { pickEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";
import { atInstant } from "../../support/atInstant";

const ENV_KEYS = [
  "CERTPLANE_NETFOUNDRY_URL",
  "CERTPLANE_NETFOUNDRY_TOKEN",
  "CERTPLANE_NETFOUNDRY_FRONTDOOR_ID",
  "CERTPLANE_NETFOUNDRY_CA_CERT_PEM",
];
const EXPIRED_FIX =
  "Nothing expired is uploaded to the Frontdoor: upload a certificate valid now (have your CA sign a new one), or give certRequestPem to have NetFoundry sign.";
const NOT_YET_FIX =
  "Nothing not yet valid is uploaded to the Frontdoor (clients would be refused with it): check your CA's clock and this machine's, or upload it once notBefore has passed.";

describe("netfoundry.ClientCertificate: nothing expired or not yet valid is uploaded", () => {
  const sim = withSimulator({ vendors: ["netfoundry"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  after(() => destroyAgents());

  /** A self-signed certificate valid for 30 days from now, and its validity. */
  const upload = (cn: string) => {
    const certificatePem = selfSignedCertificate(cn).certPem;
    return { certificatePem, ...parseCertificate(certificatePem) };
  };
  const netfoundryCalls = () => sim.countOf({ vendor: "netfoundry" });

  it("failing case: an expired upload fails check, naming notAfter and now", async () => {
    const { certificatePem, notAfter } = upload("expired-upload");
    const now = new Date(notAfter.getTime() + 1000);
    const res = await atInstant(now, () => check({}, { name: "expired", certificatePem }));
    assert.deepEqual(res.failures, [
      {
        property: "certificatePem",
        reason: `certificatePem (CN=expired-upload) has expired: its notAfter is ${formatInstant(notAfter)} and now is ${formatInstant(now)} (the provider clock). ${EXPIRED_FIX}`,
      },
    ]);
  });

  it("failing case: an upload not yet valid fails check, naming notBefore and now", async () => {
    const { certificatePem, notBefore } = upload("early-upload");
    const now = new Date(notBefore.getTime() - 86_400_000);
    const res = await atInstant(now, () => check({}, { name: "early", certificatePem }));
    assert.deepEqual(res.failures, [
      {
        property: "certificatePem",
        reason: `certificatePem (CN=early-upload) is not yet valid: its notBefore is ${formatInstant(notBefore)} and now is ${formatInstant(now)} (the provider clock). ${NOT_YET_FIX}`,
      },
    ]);
  });

  it("failing case: create with an upload unknown at preview and expired now makes no NetFoundry call", async () => {
    const { certificatePem, notAfter } = upload("late-upload");
    const { inputs } = await check({}, { name: "late", certificatePem });
    const calls = netfoundryCalls();
    const now = new Date(notAfter.getTime() + 1000);
    await assert.rejects(
      atInstant(now, () => create(inputs)),
      {
        name: "CertplaneError",
        message: `certificatePem (CN=late-upload) has expired: its notAfter is ${formatInstant(notAfter)} and now is ${formatInstant(now)} (the provider clock). ${EXPIRED_FIX}`,
      },
    );
    assert.equal(netfoundryCalls(), calls);
    assert.deepEqual(sim.inventory().vendors.netfoundry.certificates, []);
  });

  it("failing case: an update to an expired upload makes no PUT; a rename alone still works", async () => {
    const first = upload("first-upload");
    const inputs = (await check({}, { name: "rotating", certificatePem: first.certificatePem }))
      .inputs as unknown as ClientCertificateInputs;
    const { id, outs } = await create(inputs as unknown as Record<string, unknown>);
    const olds = outs as ClientCertificateOutputs;
    const next = upload("next-upload");
    const now = new Date(next.notAfter.getTime() + 1000);
    const calls = netfoundryCalls();
    await assert.rejects(
      atInstant(now, () =>
        update(id, olds, { ...inputs, certificatePem: next.certificatePem } as never),
      ),
      {
        name: "CertplaneError",
        message: `certificatePem (CN=next-upload) has expired: its notAfter is ${formatInstant(next.notAfter)} and now is ${formatInstant(now)} (the provider clock). ${EXPIRED_FIX}`,
      },
    );
    assert.equal(netfoundryCalls(), calls);
    const renamed = await update(id, olds, { ...inputs, name: "renamed" } as never);
    assert.equal((renamed.outs as ClientCertificateOutputs).name, "renamed");
    await remove(id, olds);
  });
});
