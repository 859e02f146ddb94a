/**
 * A key generated and kept in a PKCS#11 token (SoftHSM2, initialised under .tmp/ for the run) under
 * the real Pulumi CLI, through both doors: the TypeScript fixture (tests/fixtures/pkcs11, dynamic
 * resources) and its YAML twin (tests/fixtures/pkcs11Yaml, the native plugin). Each: `up` issues a
 * PCA-signed certificate for the token key, and PCA validates it over mTLS with the key staying in
 * the token (`validated: true`, through OpenSSL's PKCS#11 engine, Debian package
 * libengine-pkcs11-openssl); `pulumi stack export` holds no private key (not even as
 * ciphertext: there is no privateKeyPem at all) and no PIN; after the key is deleted from the token
 * out of band, `refresh` records it gone and the next preview replaces the key (and so the
 * certificate); `up` makes a new key in the token; `destroy` removes the key object.
 */
import { strict as assert } from "node:assert";
import { createPublicKey, X509Certificate } from "node:crypto";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { CliStack } from "../../tools/devkit/cliStack";
import type { EngineStep } from "../../tools/devkit/stackProtocol";
import { REPO_ROOT } from "../support/packageLink";
import {
  deleteKeyWithPkcs11Tool,
  initSoftHsmToken,
  privateKeysInToken,
  removeSoftHsmToken,
  type SoftHsmToken,
} from "../support/softhsm";
import {
  engineStateRoot,
  opsOfSteps,
  removeStateRoot,
  requirePulumiCli,
  resourceKey,
} from "./support/engine";
import { YamlStack } from "./support/yamlStack";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");
/** The key Pulumi marks a secret value with in a checkpoint. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

interface Outputs {
  publicKeyPem: string;
  pkcs11KeyId: string;
  pkcs11KeyLabel: string;
  certificatePem: string;
  /** Present when the fixture validates the certificate with the token key (`pkcs11`). */
  validated?: boolean;
}

/** One door's stack, as the scenario drives it. */
interface Door {
  up(): Promise<EngineStep[]>;
  refresh(): Promise<void>;
  preview(): Promise<EngineStep[]>;
  exportText(): Promise<string>;
  outputs(): Promise<Outputs>;
  destroy(): Promise<void>;
  /** `<last type segment>/<name>` of the key and of the certificate. */
  names: { key: string; certificate: string };
}

const spkiOf = (pem: string) =>
  createPublicKey(pem).export({ type: "spki", format: "der" }).toString("base64");

/** The SPKI (base64 DER) a certificate certifies. */
const certifiedSpkiOf = (certificatePem: string) =>
  new X509Certificate(certificatePem).publicKey
    .export({ type: "spki", format: "der" })
    .toString("base64");

function tokenScenario(token: () => SoftHsmToken, door: () => Door): void {
  let first: Outputs;

  it("up issues a PCA certificate for a key made in the token", async () => {
    const ops = opsOfSteps(await door().up());
    assert.deepEqual(ops, {
      [door().names.key]: ["create"],
      [door().names.certificate]: ["create"],
    });
    first = await door().outputs();
    assert.equal(certifiedSpkiOf(first.certificatePem), spkiOf(first.publicKeyPem));
    // Validated over mTLS with the key still in the token, through either door.
    assert.equal(first.validated, true);
    const keys = privateKeysInToken(token()).filter((k) => k.idHex === first.pkcs11KeyId);
    assert.deepEqual(
      keys.map((k) => [k.label, k.sensitive, k.extractable, k.valueRefusal]),
      [[first.pkcs11KeyLabel, true, false, "CKR_ATTRIBUTE_SENSITIVE"]],
    );
  });

  it("pulumi stack export holds no private key, not even as ciphertext, and no PIN", async () => {
    const text = await door().exportText();
    const exported = JSON.parse(text.slice(text.indexOf("{"))) as {
      deployment: { resources: { urn: string; inputs?: object; outputs?: object }[] };
    };
    const keyResource = exported.deployment.resources.find(
      (r) => resourceKey(r.urn) === door().names.key,
    );
    assert.ok(keyResource, `no ${door().names.key} in the export`);
    const outputs = keyResource.outputs as Record<string, unknown>;
    assert.equal("privateKeyPem" in outputs, false);
    assert.equal(outputs.pkcs11KeyId, first.pkcs11KeyId);
    // Not even as ciphertext: the key's entry holds no secret value at all (the PIN came from env).
    assert.equal(JSON.stringify(keyResource).includes(SECRET_SIGNATURE), false);
    assert.equal(/PRIVATE KEY/.test(text), false);
    assert.equal(text.includes(token().pin), false);
  });

  it("refresh after the key is deleted from the token plans a replace", async () => {
    deleteKeyWithPkcs11Tool(token(), first.pkcs11KeyId);
    await door().refresh();
    const ops = opsOfSteps(await door().preview());
    assert.deepEqual(ops[door().names.key], ["create-replacement", "replace", "delete-replaced"]);
    assert.deepEqual(ops[door().names.certificate], [
      "create-replacement",
      "replace",
      "delete-replaced",
    ]);
  });

  it("up makes a new key in the token and a certificate for it", async () => {
    await door().up();
    const next = await door().outputs();
    assert.notEqual(next.pkcs11KeyId, first.pkcs11KeyId);
    assert.equal(certifiedSpkiOf(next.certificatePem), spkiOf(next.publicKeyPem));
    assert.equal(next.validated, true);
    assert.deepEqual(
      privateKeysInToken(token()).map((k) => k.idHex),
      [next.pkcs11KeyId],
    );
  });

  it("destroy removes the key object from the token", async () => {
    await door().destroy();
    assert.deepEqual(privateKeysInToken(token()), []);
  });
}

describe("engine: a CertificateRequest key in a PKCS#11 token (SoftHSM2), through both doors", function () {
  this.timeout(900_000);
  let sim: Simulator;
  let stateRoot: string;
  let token: SoftHsmToken;
  const env = () => ({
    ...sim.env,
    ...token.env,
    CERTPLANE_PKCS11_MODULE: token.module,
    CERTPLANE_PKCS11_TOKEN_LABEL: token.tokenLabel,
    CERTPLANE_PKCS11_PIN: token.pin,
    CERTPLANE_PKCS11_KEY_LABEL: "nso-user",
  });
  before(async () => {
    requirePulumiCli();
    stateRoot = engineStateRoot("pkcs11");
    sim = await startSimulator({ vendors: ["pca"] });
    token = initSoftHsmToken("engine", REPO_ROOT);
  });
  after(async () => {
    await sim?.stop();
    if (stateRoot) removeStateRoot(stateRoot);
    if (token) removeSoftHsmToken(token);
  });

  describe("TypeScript: dynamic resources", () => {
    let stack: CliStack;
    before(() => {
      stack = new CliStack({
        program: path.join(FIXTURES, "pkcs11", "index.ts"),
        stackName: "dev",
        stateRoot,
        cli: requirePulumiCli(),
        env: env(),
      });
    });
    after(async () => stack?.close());
    tokenScenario(
      () => token,
      () => ({
        up: async () => (await stack.up()).steps,
        refresh: async () => void (await stack.refresh()),
        preview: async () => (await stack.preview()).steps,
        exportText: async () => stack.cli(["stack", "export"]),
        outputs: async () =>
          JSON.parse(stack.cli(["stack", "output", "--json", "--show-secrets"])) as Outputs,
        destroy: async () => void (await stack.destroy()),
        names: { key: "CertificateRequest/nso-user", certificate: "PcaSignedCertificate/nso-user" },
      }),
    );
  });

  describe("YAML: the native plugin", () => {
    let stack: YamlStack;
    before(async function () {
      this.timeout(900_000);
      stack = new YamlStack(path.join(FIXTURES, "pkcs11Yaml"), stateRoot, env());
      await stack.init();
    });
    tokenScenario(
      () => token,
      () => ({
        up: async () => (await stack.up()).steps,
        refresh: async () => void (await stack.refresh()),
        preview: async () => (await stack.preview()).steps,
        exportText: () => stack.exportText(),
        outputs: async () => (await stack.outputs()) as unknown as Outputs,
        destroy: async () => void (await stack.destroy()),
        names: {
          key: "CertificateRequest/nso-user-key",
          certificate: "SignedCertificate/nso-user-certificate",
        },
      }),
    );
  });
});
