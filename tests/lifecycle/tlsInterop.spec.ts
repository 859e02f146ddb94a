/**
 * examples/tls-interop through the lifecycle runner: a `@pulumi/tls` key (tools/devkit/tlsFakes.ts makes it
 * real with node:crypto) certified by AppViewX. The runner only: the tls provider plugin cannot be
 * built here, so the real CLI cannot run this program (tests/engine runs every other example).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { tempFile } from "../support/openssl";
import { withExample } from "../support/withExample";

describe("examples/tls-interop through the lifecycle runner", () => {
  const { sim, runner } = withExample("tls-interop", {
    simulator: { vendors: ["appviewx"] },
    tlsFakes: true,
  });

  it("AppViewX certifies the tls.PrivateKey's OpenSSH key; destroy revokes it", async () => {
    const up = await runner.up();
    assert.deepEqual(
      up.resources.filter((r) => r.custom).map((r) => [r.type, r.op]),
      [
        ["tls:index/privateKey:PrivateKey", "create"],
        ["pulumi-nodejs:dynamic/certplane:AppViewXSshCertificate", "create"],
      ],
    );
    const certificate = `${up.outputs.deployCertificate as string}\n`;
    const listed = execFileSync(
      "ssh-keygen",
      ["-L", "-f", tempFile("interop-cert.pub", certificate)],
      {
        encoding: "utf8",
      },
    );
    assert.match(listed, /Type: ssh-ed25519-cert-v01@openssh\.com user certificate/);
    // The certificate is for the tls key: the same ED25519 public key fingerprint.
    const keyFile = tempFile("interop-key.pub", `${up.outputs.deployPublicKey as string}\n`);
    const keyFingerprint = /SHA256:\S+/.exec(
      execFileSync("ssh-keygen", ["-l", "-f", keyFile], { encoding: "utf8" }),
    )?.[0];
    assert.ok(keyFingerprint);
    assert.match(
      listed,
      new RegExp(`Public key: ED25519-CERT ${keyFingerprint.replace(/[+/]/g, "\\$&")}`),
    );
    assert.equal((await runner.up()).changes, 0);

    const destroyed = await runner.destroy();
    assert.equal(destroyed.counts.delete, 2);
    const certificates = sim.inventory().vendors.appviewx.certificates as { status: string }[];
    assert.deepEqual(
      certificates.map((c) => c.status),
      ["Revoked"],
    );
  });
});
