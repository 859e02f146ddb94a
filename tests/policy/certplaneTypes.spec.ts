import assert from "node:assert/strict";
import { CERTPLANE_TYPES, certplaneTypeOf } from "../../policy/rules";
import { recognizeType } from "../../report/schemaTypes";
import { serializedProvider } from "./policyHarness";

describe("policy: which certplane type a resource is, through both doors", () => {
  it("knows every schema resource by its plugin token and its dynamic token", () => {
    assert.deepEqual(
      CERTPLANE_TYPES.map((type) => [type.token, type.dynamicType, type.displayName]),
      [
        ["certplane:index:CertificateRequest", "CertificateRequest", "CertificateRequest"],
        ["certplane:pca:SignedCertificate", "PcaSignedCertificate", "pca.SignedCertificate"],
        ["certplane:pca:PersonalAccessToken", "PcaPersonalAccessToken", "pca.PersonalAccessToken"],
        ["certplane:appviewx:SshCertificate", "AppViewXSshCertificate", "appviewx.SshCertificate"],
        [
          "certplane:netfoundry:ClientCertificate",
          "NetFoundryClientCertificate",
          "netfoundry.ClientCertificate",
        ],
        [
          "certplane:oraclesbc:CertificateRecord",
          "OracleSbcCertificateRecord",
          "oraclesbc.CertificateRecord",
        ],
        [
          "certplane:oraclesbc:CertificateImport",
          "OracleSbcCertificateImport",
          "oraclesbc.CertificateImport",
        ],
      ],
    );
    for (const type of CERTPLANE_TYPES) {
      assert.equal(certplaneTypeOf(type.token), type);
      assert.equal(certplaneTypeOf(`pulumi-nodejs:dynamic/certplane:${type.dynamicType}`), type);
    }
  });

  it("tells a generic dynamic resource by the hooks module its serialized provider loads", () => {
    const generic = "pulumi-nodejs:dynamic:Resource";
    assert.equal(
      certplaneTypeOf(generic, serializedProvider("pca/signedCertificate"))?.token,
      "certplane:pca:SignedCertificate",
    );
    assert.equal(
      certplaneTypeOf(generic, serializedProvider("csr/certificateRequest"))?.token,
      "certplane:index:CertificateRequest",
    );
  });

  it("tells a generic dynamic resource of an installed package by the shim module its provider requires", () => {
    const generic = "pulumi-nodejs:dynamic:Resource";
    for (const type of CERTPLANE_TYPES) {
      assert.equal(certplaneTypeOf(generic, serializedProvider(type.hooks, "reference")), type);
      assert.equal(certplaneTypeOf(generic, serializedProvider(type.hooks, "reference.js")), type);
    }
  });

  it("knows the package under another name (a fork) by the same module paths, as the report does", () => {
    const generic = "pulumi-nodejs:dynamic:Resource";
    for (const type of CERTPLANE_TYPES) {
      const [byValue, byReference] = [
        serializedProvider(type.hooks),
        serializedProvider(type.hooks, "reference.js"),
      ].map((text) => text.replace(/pulumi-certplane\//g, "@acme/certplane-fork/"));
      assert.equal(certplaneTypeOf(generic, byValue), type);
      assert.equal(certplaneTypeOf(generic, byReference), type);
      // The report reads an export's resource by the same recognizer.
      assert.deepEqual(recognizeType(generic, { __provider: byReference }), {
        token: type.token,
        door: "dynamic",
      });
    }
  });

  it("failing case: another dynamic provider, a longer hooks path, or an unknown provider is no certplane type", () => {
    const generic = "pulumi-nodejs:dynamic:Resource";
    assert.equal(certplaneTypeOf(generic, 'require("my-provider/dist/thing")'), undefined);
    assert.equal(
      certplaneTypeOf(generic, serializedProvider("pca/signedCertificateV2")),
      undefined,
    );
    assert.equal(
      certplaneTypeOf(generic, serializedProvider("pca/signedCertificateV2", "reference")),
      undefined,
    );
    assert.equal(
      certplaneTypeOf(generic, 'require("pulumi-certplane/dist/sdk/hooksShims/pca/other.js")'),
      undefined,
    );
    assert.equal(certplaneTypeOf(generic, undefined), undefined);
    assert.equal(certplaneTypeOf("pulumi-nodejs:dynamic/other:PcaSignedCertificate"), undefined);
    assert.equal(certplaneTypeOf("tls:index/privateKey:PrivateKey"), undefined);
  });
});
