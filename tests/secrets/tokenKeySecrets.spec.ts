/**
 * The secret scan (./secretScan.spec.ts) for a key in a PKCS#11 token (SoftHSM2 under .tmp/): the
 * PCA path of tests/fixtures/pkcs11 through the lifecycle runner, the PIN given as secret config
 * (so a resource argument, kept in state as a secret), up (the certificate validated over mTLS with
 * the key staying in the token, the PIN handed to OpenSSL's PKCS#11 engine), refresh, destroy; a
 * second stack whose wrong PIN fails the create; and a third whose certificate is validated with a
 * wrong PIN (the key made with the right one). The claim is that the key never exists outside the
 * token: no private key block, and no `privateKeyPem`, anywhere a user or a CI log could see (the
 * raw state files, every log line, every error and result as a test prints it), and no PIN either.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { LifecycleError, LifecycleRunner, type RunResult } from "../../testing";
import { packageNodePath, REPO_ROOT } from "../support/packageLink";
import {
  initSoftHsmToken,
  privateKeysInToken,
  removeSoftHsmToken,
  type SoftHsmToken,
} from "../support/softhsm";
import { printedForms } from "./printed";
import { addFolder, describeFindings, SecretCatalog, TextCorpus } from "./scanner";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "pkcs11", "index.ts");
const WRONG_PIN = "wrong-pin-7f3a9c21";
const WRONG_VALIDATION_PIN = "wrong-validation-pin-2b8e61d4";

describe("secret scan: a CertificateRequest key in a PKCS#11 token", function () {
  this.timeout(300_000);
  let sim: Simulator;
  let token: SoftHsmToken;
  let stateDir: string;
  const corpus = new TextCorpus();
  const results: RunResult[] = [];
  const errors: LifecycleError[] = [];

  const runner = (stack: string, pin: string, validationPin?: string) =>
    new LifecycleRunner({
      program: PROGRAM,
      stack,
      stateDir,
      nodePath: [packageNodePath()],
      config: {
        tokenPin: { secret: pin },
        ...(validationPin === undefined ? {} : { validationPin: { secret: validationPin } }),
      },
      env: {
        ...sim.env,
        ...token.env,
        CERTPLANE_PKCS11_MODULE: token.module,
        CERTPLANE_PKCS11_TOKEN_LABEL: token.tokenLabel,
        CERTPLANE_PKCS11_KEY_LABEL: "scan",
      },
      onEvent: (event) => corpus.add("runner event", JSON.stringify(event)),
    });

  before(async () => {
    sim = await startSimulator({ vendors: ["pca"] });
    token = initSoftHsmToken("secrets", REPO_ROOT);
    stateDir = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "token-secrets-"));
  });
  after(async () => {
    await sim?.stop();
    if (token) removeSoftHsmToken(token);
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("up, refresh and destroy with the PIN as a secret argument; the key stays in the token", async () => {
    const good = runner("good", token.pin);
    results.push(await good.up());
    const state = good.state().resources.find((r) => r.type.endsWith("CertificateRequest"));
    assert.ok(state, "no CertificateRequest in state");
    // The PIN was an argument, so the state holds it (encrypted: the scan below looks at the file).
    assert.equal((state.outputs.pkcs11 as Record<string, unknown>).pin, token.pin);
    assert.equal("privateKeyPem" in state.outputs, false);
    const certificate = good.state().resources.find((r) => r.type.endsWith("SignedCertificate"));
    assert.ok(certificate, "no SignedCertificate in state");
    assert.equal(certificate.outputs.validated, true);
    assert.deepEqual(certificate.outputs.pkcs11, {
      keyLabel: state.outputs.pkcs11KeyLabel,
      pin: token.pin,
    });
    assert.deepEqual(
      privateKeysInToken(token).map((k) => k.idHex),
      [state.outputs.pkcs11KeyId],
    );
    results.push(await good.refresh());
    addFolder(corpus, "state folder after up", stateDir);
    results.push(await good.destroy());
    assert.deepEqual(privateKeysInToken(token), []);
  });

  it("a wrong PIN fails the create with an error naming the token, without either PIN", async () => {
    const failing = await runner("wrong-pin", WRONG_PIN)
      .up()
      .then(
        () => assert.fail("up with a wrong PIN should have failed"),
        (err: unknown) => err,
      );
    assert.ok(failing instanceof LifecycleError, String(failing));
    errors.push(failing);
    assert.match(
      failing.message,
      new RegExp(
        `Login to PKCS#11 token "${token.tokenLabel}" .* was refused \\(CKR_PIN_INCORRECT\\)`,
      ),
    );
    assert.deepEqual(privateKeysInToken(token), []);
  });

  it("a wrong PIN for the validation fails it naming CKR_PIN_INCORRECT, without either PIN", async () => {
    const stack = runner("wrong-validation-pin", token.pin, WRONG_VALIDATION_PIN);
    const failing = await stack.up().then(
      () => assert.fail("up with a wrong validation PIN should have failed"),
      (err: unknown) => err,
    );
    assert.ok(failing instanceof LifecycleError, String(failing));
    errors.push(failing);
    assert.match(
      failing.message,
      new RegExp(
        `validating it over mTLS failed: Login to PKCS#11 token "${token.tokenLabel}" .* was ` +
          "refused \\(CKR_PIN_INCORRECT: PIN incorrect\\) with the PIN from resource argument " +
          "pkcs11\\.pin",
      ),
    );
    addFolder(corpus, "state folder after the failed validation", stateDir);
    results.push(await stack.destroy());
    assert.deepEqual(privateKeysInToken(token), []);
  });

  it("no PIN and no private key anywhere a user or a CI log could see", () => {
    addFolder(corpus, "state folder at the end", stateDir);
    for (const result of results) {
      for (const line of result.logs) corpus.add(`log (${result.command})`, line.text);
      for (const [way, text] of Object.entries(printedForms(result)))
        corpus.add(`${result.command} result via ${way}`, text);
    }
    for (const error of errors) {
      corpus.add("error message", error.message);
      for (const [way, text] of Object.entries(printedForms(error)))
        corpus.add(`LifecycleError via ${way}`, text);
    }
    const catalog = new SecretCatalog();
    catalog.add("the token's user PIN", token.pin);
    catalog.add("the wrong PIN", WRONG_PIN);
    catalog.add("the wrong validation PIN", WRONG_VALIDATION_PIN);
    const findings = corpus.scan(catalog);
    assert.deepEqual(findings, [], `secrets found:\n${describeFindings(findings)}`);
    // No PEM private key of any kind (PKCS#8, PKCS#1, SEC1, encrypted): there is none to leak.
    const keyBlocks = new SecretCatalog();
    keyBlocks.addWhole("a PEM private key block", "PRIVATE KEY-----");
    const blocks = corpus.scan(keyBlocks);
    assert.deepEqual(blocks, [], `private key blocks found:\n${describeFindings(blocks)}`);
    assert.ok(corpus.countWhere("state folder") >= 2, "the state files were not scanned");
    assert.ok(corpus.countWhere("log") > 0, "no log line was scanned");
  });
});
