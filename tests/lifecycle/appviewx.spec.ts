/**
 * examples/appviewx-ssh through the lifecycle runner against the simulator (keys from
 * CertificateRequest): create, a no-op second up, a principals change replaced
 * delete-first (revocation frees the key), renewal via the clock with revocation, and without it the
 * 268 explanation; destroy revokes.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { LifecycleError, type RunResult } from "../../testing";
import { tempFile } from "../support/openssl";
import { REPO_ROOT } from "../support/packageLink";
import { withExample, withProgram } from "../support/withExample";
import { execFileSync } from "node:child_process";

describe("examples/appviewx-ssh through the lifecycle runner", () => {
  const { sim, runner } = withExample("appviewx-ssh", { simulator: { vendors: ["appviewx"] } });
  let first: RunResult;
  const certificates = () =>
    sim.inventory().vendors.appviewx.certificates as { serialNumber: string; status: string }[];
  const status = (serial: unknown) => certificates().find((c) => c.serialNumber === serial)?.status;

  it("up certifies the user and host keys; ssh-keygen reads both; a second up changes nothing", async () => {
    first = await runner.up();
    assert.equal(first.counts.create, 4);
    const user = execFileSync(
      "ssh-keygen",
      ["-L", "-f", tempFile("deploy-cert.pub", `${first.outputs.deployCertificate as string}\n`)],
      { encoding: "utf8" },
    );
    assert.match(user, /user certificate/);
    assert.match(user, /Principals: \n\s+deploy\n\s+admin\n/);
    const host = execFileSync(
      "ssh-keygen",
      ["-L", "-f", tempFile("web1-cert.pub", `${first.outputs.hostCertificate as string}\n`)],
      { encoding: "utf8" },
    );
    assert.match(host, /host certificate/);
    assert.equal(
      fs
        .readFileSync(first.stateFile, "utf8")
        .includes(sim.env.CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM.split("\n")[1]),
      false,
    );
    assert.equal((await runner.up()).changes, 0);
  });

  it("a principals change replaces the certificate, revoking the old one first (same key)", async () => {
    const changed = await runner.up({ config: { principals: JSON.stringify(["deploy"]) } });
    assert.equal(changed.counts.replace, 1);
    assert.equal(status(first.outputs.deploySerial), "Revoked");
    assert.equal(status(changed.outputs.deploySerial), "Active");
    first = changed;
  });

  it("in the renewal window the next up renews (revoke, then enroll) with the same key", async () => {
    const inWindow = new Date(
      Date.parse(first.outputs.deployValidTo as string) - 12 * 3_600_000,
    ).toISOString();
    const renewed = await runner.up({
      config: { principals: JSON.stringify(["deploy"]) },
      env: { CERTPLANE_NOW: inWindow },
    });
    assert.ok(renewed.counts.replace >= 1);
    assert.notEqual(renewed.outputs.deploySerial, first.outputs.deploySerial);
    assert.equal(status(first.outputs.deploySerial), "Revoked");
  });

  it("destroy revokes every certificate", async () => {
    await runner.destroy();
    assert.deepEqual(
      certificates().filter((c) => c.status === "Active"),
      [],
    );
  });
});

describe("appviewx renewal without revocation configured", () => {
  const { runner } = withProgram(
    path.join(REPO_ROOT, "tests", "fixtures", "appviewx", "noRevocation.ts"),
    { simulator: { vendors: ["appviewx"] }, tlsFakes: true },
  );

  it("fails with ERR-SSH_NB-268 and the two ways out, keeping the old certificate", async () => {
    const first = await runner.up();
    const inWindow = new Date(
      Date.parse(first.outputs.validTo as string) - 3_600_000,
    ).toISOString();
    const error = await runner.up({ env: { CERTPLANE_NOW: inWindow } }).then(
      () => assert.fail("the renewal should have failed"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LifecycleError);
    assert.match(error.errors[0].message, /ERR-SSH_NB-268/);
    assert.match(
      error.errors[0].message,
      /rotate the key \(a new publicKey\), or configure revocation/,
    );
    const state = await runner.state();
    assert.equal(
      state.resources.find((r) => r.type.endsWith(":AppViewXSshCertificate"))?.id,
      first.outputs.serial,
    );
  });
});
