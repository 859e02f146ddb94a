/**
 * CertificateRequest through the lifecycle runner: the real dynamic-provider process loads the
 * serialized shim from dist/ and runs the hooks, one stack through preview, up, a no-op up, a key
 * size change, a rejected input and destroy. The steps build on each other like a real stack's runs.
 */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  LifecycleError,
  revealSecrets,
  UNKNOWN,
  type ResourceResult,
  type RunResult,
} from "../../testing";
import { verifyCsr } from "../support/openssl";
import { withProgram } from "../support/withExample";

const PROGRAM = path.join(__dirname, "..", "fixtures", "certificateRequest", "index.ts");
const TYPE = "pulumi-nodejs:dynamic/certplane:CertificateRequest";

function resource(result: RunResult, name: string): ResourceResult {
  const found = result.resources.find((r) => r.name === name);
  assert.ok(found, `no resource ${name} in the result`);
  return found;
}

function rsaBitsOf(privateKeyPem: string): number | undefined {
  return crypto.createPrivateKey(privateKeyPem).asymmetricKeyDetails?.modulusLength;
}

describe("CertificateRequest through the lifecycle runner", () => {
  const { runner } = withProgram(PROGRAM, { simulator: false });
  let first: RunResult;

  it("preview of a new stack would create both, handing the dependent's check the unknown sentinel", async () => {
    const preview = await runner.preview();

    assert.equal(preview.counts.create, 2);
    assert.equal(preview.changes, 2);
    const dependent = resource(preview, "dependent");
    assert.equal(dependent.type, TYPE);
    assert.deepEqual(dependent.inputs.subject, {
      commonName: "dependent",
      organizationalUnit: UNKNOWN,
    });
    assert.equal(fs.existsSync(preview.stateFile), false, "a preview must not write state");
  });

  it("up creates both: real CSRs, the key a secret output, never plain in the state file", async () => {
    first = await runner.up();

    assert.equal(first.counts.create, 2);
    const service = resource(first, "service");
    assert.equal(service.id, service.outputs.publicKeyFingerprintSha256);
    assert.deepEqual(service.secretOutputs, ["privateKeyPem"]);
    assert.deepEqual(first.secretOutputs, ["serviceKey"]);
    assert.equal(String(first.outputs.serviceKey), "[secret]");
    assert.equal(rsaBitsOf(revealSecrets(first.outputs.serviceKey) as string), 2048);

    const csr = verifyCsr(first.outputs.serviceCsr as string);
    assert.equal(csr.subject, "CN=nso-user");
    assert.match(csr.text, /DNS:service\.example\.com/);
    const dependentCsr = verifyCsr(first.outputs.dependentOu as string);
    const fingerprint = service.outputs.publicKeyFingerprintSha256 as string;
    const ou = `key-${fingerprint.replace(/[^A-Za-z0-9]/g, "").slice(0, 16)}`;
    assert.equal(dependentCsr.subject, `CN=dependent,OU=${ou}`);

    const state = fs.readFileSync(first.stateFile, "utf8");
    assert.equal(state.includes("PRIVATE KEY"), false, "a private key is plain in the state file");
  });

  it("a second up of the same program changes nothing and keeps the keys", async () => {
    const second = await runner.up();

    assert.equal(second.changes, 0);
    assert.equal(second.counts.same, 2);
    assert.equal(revealSecrets(second.outputs.serviceKey), revealSecrets(first.outputs.serviceKey));
    assert.equal(second.outputs.serviceCsr, first.outputs.serviceCsr);
  });

  it("a new rsaBits replaces the key, and the dependent whose input came from it", async () => {
    const third = await runner.up({ config: { rsaBits: "3072" } });

    assert.equal(third.counts.replace, 2);
    assert.equal(rsaBitsOf(revealSecrets(third.outputs.serviceKey) as string), 3072);
    assert.notEqual(
      resource(third, "service").id,
      resource(first, "service").id,
      "a replacement must have a new key fingerprint",
    );
    first = third;
  });

  it("a bad rsaBits fails at check, naming the property and the allowed values, and changes nothing", async () => {
    const error = await runner.up({ config: { rsaBits: "1000" } }).then(
      () => assert.fail("the up should have failed"),
      (e: unknown) => e,
    );

    assert.ok(error instanceof LifecycleError);
    assert.equal(error.errors.length, 1);
    assert.equal(error.errors[0].kind, "check");
    assert.equal(error.errors[0].name, "service");
    assert.deepEqual(error.errors[0].failures, [
      { property: "rsaBits", reason: "rsaBits must be one of 2048, 3072, 4096; got 1000." },
    ]);
    const state = await runner.state();
    const service = state.resources.find((r) => r.name === "service");
    assert.equal(service?.outputs.privateKeyPem, revealSecrets(first.outputs.serviceKey));
  });

  it("destroy deletes both and leaves an empty stack", async () => {
    const destroyed = await runner.destroy();

    assert.equal(destroyed.counts.delete, 2);
    assert.deepEqual((await runner.state()).resources, []);
  });
});

describe("CertificateRequest check failures through the lifecycle runner", () => {
  const { runner } = withProgram(
    path.join(__dirname, "..", "fixtures", "certificateRequest", "fromConfig.ts"),
    { simulator: false },
  );
  const ownKey = crypto
    .generateKeyPairSync("ec", { namedCurve: "P-256" })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();

  const cases: {
    title: string;
    args: Record<string, unknown>;
    property: string;
    reason: string;
  }[] = [
    {
      title: "an unknown algorithm",
      args: { algorithm: "DSA", subject: { commonName: "x" } },
      property: "algorithm",
      reason: 'algorithm must be one of "RSA", "ECDSA", "ED25519"; got "DSA".',
    },
    {
      title: 'curve "P999"',
      args: { algorithm: "ECDSA", ecdsaCurve: "P999", subject: { commonName: "x" } },
      property: "ecdsaCurve",
      reason: 'ecdsaCurve must be one of "P256", "P384", "P521"; got "P999".',
    },
    {
      title: "a malformed IP SAN",
      args: { subject: { commonName: "x" }, ipAddresses: ["10.0.0.300"] },
      property: "ipAddresses[0]",
      reason:
        'ipAddresses[0] must be an IPv4 or IPv6 address such as "10.0.0.1"; got "10.0.0.300".',
    },
    {
      title: "a bring-your-own key together with algorithm parameters",
      args: { privateKeyPem: ownKey, algorithm: "RSA", subject: { commonName: "x" } },
      property: "privateKeyPem",
      reason:
        "privateKeyPem (bring your own key) cannot be combined with algorithm: the key decides its own algorithm and size. Remove algorithm, or remove privateKeyPem to have a key generated.",
    },
  ];

  for (const { title, args, property, reason } of cases) {
    it(`rejects ${title} at check, naming ${property}, in preview and creating nothing`, async () => {
      const error = await runner.preview({ config: { args: JSON.stringify(args) } }).then(
        () => assert.fail("the preview should have failed"),
        (e: unknown) => e,
      );

      assert.ok(error instanceof LifecycleError);
      assert.deepEqual(error.errors[0].failures, [{ property, reason }]);
      assert.equal(error.message.includes("PRIVATE KEY"), false, "the key leaked into the error");
    });
  }
});
