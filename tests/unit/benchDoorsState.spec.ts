/**
 * The doors benchmark's state sizing (bench/doors.ts): bytes per certificate are the checkpoint
 * entries of its two resources, set against the distinct PEM blocks they hold — a secret's PEM
 * read from `--show-secrets` plaintext, a PEM repeated (the CSR as input and output, the
 * certificate in the full chain) counted once; a certificate that did not come back fails the run.
 */
import { strict as assert } from "node:assert";
import {
  declaredAfterAwait,
  doorsAlgorithm,
  doorsCount,
  doorsParallels,
  sizeState,
} from "../../bench/doors";
import { fleetCounts } from "../../bench/fleet";
import type { ExportedResource, StackExport } from "../../tools/devkit/cliStack";
import { selfSignedCertificate } from "../support/testCa";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIBcsr\n-----END CERTIFICATE REQUEST-----\n";

const exportOf = (resources: ExportedResource[]): StackExport => ({
  version: 3,
  deployment: { resources },
});
const bytes = (value: unknown) =>
  Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));

describe("bench doors: state bytes against the PEMs held", () => {
  const { certPem, keyPem } = selfSignedCertificate("device-0.example.com");
  const stack: ExportedResource = {
    urn: "urn:pulumi:bench::p::pulumi:pulumi:Stack::p-bench",
    type: "pulumi:pulumi:Stack",
  };
  const certificateRequest = (privateKeyPem: unknown): ExportedResource => ({
    urn: "urn:pulumi:bench::p::certplane:index:CertificateRequest::csr-0",
    type: "certplane:index:CertificateRequest",
    outputs: { certRequestPem: CSR, privateKeyPem },
  });
  const signed = (certificatePem: string): ExportedResource => ({
    urn: "urn:pulumi:bench::p::certplane:pca:SignedCertificate::cert-0",
    type: "certplane:pca:SignedCertificate",
    inputs: { certRequestPem: CSR },
    outputs: { certRequestPem: CSR, certificatePem, fullChainPem: certificatePem },
  });
  const ciphertext = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc:def" };
  const plaintext = {
    [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270",
    plaintext: JSON.stringify(keyPem),
  };

  it("counts both entries of the exported state, and each PEM block once from the revealed one", () => {
    const exported = exportOf([stack, certificateRequest(ciphertext), signed(certPem)]);
    const revealed = exportOf([stack, certificateRequest(plaintext), signed(certPem)]);
    assert.deepEqual(sizeState(1, exported, revealed), {
      stateBytesPerCert: bytes(certificateRequest(ciphertext)) + bytes(signed(certPem)),
      pemBytesPerCert: bytes(CSR.trim()) + bytes(keyPem.trim()) + bytes(certPem.trim()),
    });
  });

  it("fails when a certificate did not come back as a PEM certificate", () => {
    const exported = exportOf([certificateRequest(ciphertext), signed("not a certificate")]);
    assert.throws(
      () => sizeState(1, exported, exported),
      /^Error: 0 of 1 certificates came back as PEM certificates$/,
    );
  });

  it("reads N from BENCH_DOORS_N: 500 when unset, a positive whole number otherwise", () => {
    assert.equal(doorsCount(undefined), 500);
    assert.equal(doorsCount(" 50 "), 50);
    for (const bad of ["0", "5x", "-1", "1.5"]) {
      assert.throws(() => doorsCount(bad), /BENCH_DOORS_N must be a positive whole number/);
    }
  });

  it("--parallel values from BENCH_DOORS_PARALLEL, 8 and 32 when unset; anything else fails", () => {
    assert.deepEqual(doorsParallels(undefined), [8, 32]);
    assert.deepEqual(doorsParallels(" 8 "), [8]);
    assert.deepEqual(doorsParallels("4,16"), [4, 16]);
    for (const bad of ["0", "8,", "8;32", "x"]) {
      assert.throws(() => doorsParallels(bad), /BENCH_DOORS_PARALLEL must be positive whole/);
    }
  });

  it("keys from BENCH_DOORS_ALGORITHM: ECDSA P-256 when unset, RSA 2048 for RSA; anything else fails", () => {
    assert.equal(doorsAlgorithm(undefined).label, "ECDSA P256");
    assert.equal(doorsAlgorithm("RSA").label, "RSA 2048");
    for (const bad of ["rsa", "ED25519", " "]) {
      assert.throws(() => doorsAlgorithm(bad), /BENCH_DOORS_ALGORITHM must be ECDSA or RSA/);
    }
  });

  it("BENCH_DOORS_AFTER_AWAIT is true or false (unset: false); anything else fails", () => {
    assert.equal(declaredAfterAwait(undefined), false);
    assert.equal(declaredAfterAwait("false"), false);
    assert.equal(declaredAfterAwait("true"), true);
    for (const bad of ["1", "yes", "TRUE"]) {
      assert.throws(() => declaredAfterAwait(bad), /BENCH_DOORS_AFTER_AWAIT must be true or false/);
    }
  });
});

describe("bench fleet: the certificate counts", () => {
  it("takes BENCH_FLEET_N as a comma-separated list, 100, 500 and 1,000 when unset; anything else fails", () => {
    assert.deepEqual(fleetCounts(undefined), [100, 500, 1000]);
    assert.deepEqual(fleetCounts("10, 20"), [10, 20]);
    for (const bad of ["0", "10,", "ten", "1.5"]) {
      assert.throws(() => fleetCounts(bad), /BENCH_FLEET_N must be positive whole numbers/);
    }
  });
});
