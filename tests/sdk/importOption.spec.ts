/**
 * The `import` resource option on certplane's TypeScript classes: Pulumi cannot import a dynamic
 * resource (its dynamic-provider host fails with "code must be a string, not undefined"), so each
 * class stops the program at construction with a RunError (no stack trace) naming what to use
 * instead; without the option nothing is in the way.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { importOptionMessage, refuseImport } from "../../sdk/importOption";
import { CertificateRecord } from "../../sdk/oraclesbc";
import { SignedCertificate } from "../../sdk/pca";

describe("sdk: the import option is refused with what to use instead", () => {
  it("failing case: oraclesbc.CertificateRecord with import names adoptExisting and the plugin", () => {
    assert.throws(
      () => new CertificateRecord("sbc", { name: "sbc-tls" }, { import: "sbc-tls" }),
      (error: unknown) => {
        assert.ok(error instanceof pulumi.RunError);
        assert.equal(
          error.message,
          'OracleSbcCertificateRecord "sbc": the `import` resource option does not work for ' +
            "certplane's TypeScript classes. They are Pulumi dynamic resources, and Pulumi cannot " +
            'import a dynamic resource (its dynamic-provider host would fail with "code must be a ' +
            'string, not undefined"). Instead, set `adoptExisting: true` to take over the ' +
            "device's certificate-record of this name, or import it through the native plugin " +
            "(`pulumi import certplane:oraclesbc:CertificateRecord <name> <recordName>`). See " +
            "docs/import.md.",
        );
        return true;
      },
    );
  });

  it("failing case: pca.SignedCertificate with import says no door can import it", () => {
    assert.throws(
      () =>
        new SignedCertificate(
          "user",
          { certRequestPem: "csr", requestedUsername: "u" },
          { import: "0A1B" },
        ),
      { message: importOptionMessage("PcaSignedCertificate", "user") },
    );
    assert.match(
      importOptionMessage("PcaSignedCertificate", "user"),
      /PCA signs a new certificate/,
    );
  });

  it("options without import pass through unchanged", () => {
    const opts = { protect: true };
    assert.equal(refuseImport(opts, "OracleSbcCertificateRecord", "sbc"), opts);
    assert.equal(refuseImport(undefined, "OracleSbcCertificateRecord", "sbc"), undefined);
  });
});
