/**
 * Rows from real exports (tests/report/fixtures/exports, recorded from real stacks): each door's
 * resources are found, read through the one table of output meanings, and what holds no credential
 * (a key, an Oracle SBC record holding a CSR) makes no row.
 */
import { strict as assert } from "node:assert";
import { buildReport } from "../../report/buildReport";
import { rowOfResource, rowsOfExport } from "../../report/rows";
import { parseStackExport } from "../../report/stackExport";
import { datedCertificate } from "../support/datedCertificate";
import { exportText, outputsOf, RECORDED_AT, ROLES, type Role } from "./support/fixtures";

const parse = (role: Role) => parseStackExport(exportText(role), { from: role, label: role });
const SECRET = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "v1:AAAA",
};

describe("report rows from real exports", () => {
  it("names each stack project/stack from its URNs", () => {
    assert.deepEqual(
      ROLES.map((role) => parse(role).stack),
      ["report-fleet-dynamic/dynamic", "report-fleet-plugin/dev", "report-fleet-mixed/mixed"],
    );
  });

  it("finds every certificate and token of the three stacks, and nothing else", () => {
    const { report, warnings } = buildReport(ROLES.map(parse), {
      at: new Date(RECORDED_AT),
      warnWithinHours: 720,
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      report.rows.map((r) => [
        r.stack.split("/")[1],
        r.name,
        r.type,
        r.door,
        r.kind,
        r.vendor,
        r.status,
      ]),
      [
        [
          "dynamic",
          "legacy",
          "certplane:pca:SignedCertificate",
          "dynamic",
          "x509-certificate",
          "pca",
          "expired",
        ],
        [
          "mixed",
          "sbc",
          "certplane:oraclesbc:CertificateImport",
          "dynamic",
          "x509-certificate",
          "oraclesbc",
          "expiring",
        ],
        [
          "mixed",
          "sbc",
          "certplane:pca:SignedCertificate",
          "dynamic",
          "x509-certificate",
          "pca",
          "expiring",
        ],
        [
          "dynamic",
          "web",
          "certplane:pca:SignedCertificate",
          "dynamic",
          "x509-certificate",
          "pca",
          "renewal due",
        ],
        [
          "mixed",
          "deploy",
          "certplane:appviewx:SshCertificate",
          "dynamic",
          "ssh-certificate",
          "appviewx",
          "expiring",
        ],
        [
          "mixed",
          "gnmi",
          "certplane:pca:PersonalAccessToken",
          "dynamic",
          "access-token",
          "zitadel",
          "ok",
        ],
        [
          "dev",
          "api",
          "certplane:pca:SignedCertificate",
          "plugin",
          "x509-certificate",
          "pca",
          "ok",
        ],
        [
          "dynamic",
          "web-frontdoor",
          "certplane:netfoundry:ClientCertificate",
          "dynamic",
          "x509-certificate",
          "netfoundry",
          "ok",
        ],
        [
          "dev",
          "api-frontdoor",
          "certplane:netfoundry:ClientCertificate",
          "plugin",
          "x509-certificate",
          "netfoundry",
          "ok",
        ],
      ],
    );
    assert.deepEqual(
      report.sources.map((s) => s.rows),
      [3, 2, 4],
    );
  });

  it("reads each type's own outputs: PCA notAfter/notBefore, AppViewX validTo/validFrom and principals, the PAT's expirationDate and user", () => {
    const rows = rowsOfExport(parse("mixed")).rows;
    const ssh = outputsOf("mixed", "AppViewXSshCertificate", "deploy");
    const deploy = rows.find((r) => r.type === "certplane:appviewx:SshCertificate");
    assert.deepEqual(
      [
        deploy?.notAfter,
        deploy?.notBefore,
        deploy?.subject,
        deploy?.serial,
        deploy?.renewalWindowStart,
      ],
      [
        ssh.validTo,
        ssh.validFrom,
        "deploy,admin",
        ssh.serialNumber,
        new Date(Date.parse(ssh.validTo as string) - 24 * 3_600_000)
          .toISOString()
          .replace(".000Z", "Z"),
      ],
    );
    const pat = outputsOf("mixed", "PcaPersonalAccessToken", "gnmi");
    const token = rows.find((r) => r.kind === "access-token");
    assert.deepEqual(
      [token?.notAfter, token?.subject, token?.serial, token?.notBefore],
      [pat.expirationDate, pat.userId, undefined, undefined],
    );
  });

  it("reads an Oracle SBC import's subject, serial and not-before from its public certificate PEM", () => {
    const imported = rowsOfExport(parse("mixed")).rows.find((r) => r.vendor === "oraclesbc");
    const signed = outputsOf("mixed", "PcaSignedCertificate", "sbc");
    assert.deepEqual(
      [imported?.subject, imported?.serial, imported?.notBefore, imported?.notAfter],
      [signed.subject, signed.serialNumber, signed.notBefore, signed.notAfter],
    );
  });

  it("keeps a subject's quotes, backslashes, comma and non-ASCII letters as the resource reports them", () => {
    const frontdoor = rowsOfExport(parse("dynamic")).rows.find((r) => r.name === "web-frontdoor");
    assert.equal(frontdoor?.subject, 'CN=web \\"edge\\" \\\\ Zürich\\, 東京');
  });

  it("recognizes a bare pulumi-nodejs:dynamic:Resource by the hooks module its __provider requires", () => {
    const exported = parse("dynamic");
    const resource = exported.resources.find((r) => r.urn.endsWith("::legacy"))!;
    const bare = { ...resource, type: "pulumi-nodejs:dynamic:Resource" };
    assert.equal(rowOfResource("s", bare).row?.type, "certplane:pca:SignedCertificate");
  });

  it("recognizes a bare dynamic resource of an installed package by the shim module its __provider requires", () => {
    const exported = parse("dynamic");
    const resource = exported.resources.find((r) => r.urn.endsWith("::legacy"))!;
    // What the serializer writes for an installed package's shim (sdk/shim.ts), with or without
    // `.js` as it maps the file through the package's exports.
    for (const file of ["pca/signedCertificate", "pca/signedCertificate.js"]) {
      const byReference =
        "exports.handler = __f0;\n" +
        `const provider = require("pulumi-certplane/dist/sdk/hooksShims/${file}");\n`;
      const bare = {
        ...resource,
        type: "pulumi-nodejs:dynamic:Resource",
        outputs: { ...resource.outputs, __provider: byReference },
      };
      assert.equal(rowOfResource("s", bare).row?.type, "certplane:pca:SignedCertificate", file);
    }
  });

  it("recognizes one whose __provider is a secret by its required outputs, as the schema lists them", () => {
    const mixed = parse("mixed");
    const types = mixed.resources
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
      .map((r) => {
        const hidden = {
          ...r,
          type: "pulumi-nodejs:dynamic:Resource",
          outputs: { ...r.outputs, __provider: SECRET },
        };
        return [r.type.split(":").pop(), rowOfResource("s", hidden).row?.type ?? "no row"];
      });
    assert.deepEqual(Object.fromEntries(types), {
      PcaPersonalAccessToken: "certplane:pca:PersonalAccessToken",
      CertificateRequest: "no row",
      AppViewXSshCertificate: "certplane:appviewx:SshCertificate",
      OracleSbcCertificateRecord: "no row",
      PcaSignedCertificate: "certplane:pca:SignedCertificate",
      OracleSbcCertificateImport: "certplane:oraclesbc:CertificateImport",
    });
  });

  it("recognizes a SignedCertificate with a secret __provider and no stored fullChainPem (derived on read since issue 28)", () => {
    const resource = parse("dynamic").resources.find((r) => r.urn.endsWith("::legacy"))!;
    const { fullChainPem: _dropped, ...outputs } = resource.outputs as Record<string, unknown>;
    const hidden = {
      ...resource,
      type: "pulumi-nodejs:dynamic:Resource",
      outputs: { ...outputs, __provider: SECRET },
    };
    assert.equal(rowOfResource("s", hidden).row?.type, "certplane:pca:SignedCertificate");
  });

  it("leaves out a dynamic resource of another package (its __provider requires no certplane hooks)", () => {
    const resource = {
      urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic:Resource::other",
      type: "pulumi-nodejs:dynamic:Resource",
      outputs: {
        __provider: "exports.handler = require('other/dist/provider/x')",
        notAfter: "2030-01-01T00:00:00Z",
      },
    };
    assert.deepEqual(rowOfResource("s", resource), {});
  });

  it("warns, and makes no row, when the expiry is stored as a secret or is not a time (failing cases)", () => {
    const exported = parse("plugin");
    const api = exported.resources.find((r) => r.urn.endsWith("SignedCertificate::api"))!;
    assert.deepEqual(
      rowOfResource("s", { ...api, outputs: { ...api.outputs, notAfter: SECRET } }),
      {
        warning: `s: ${api.urn}: its notAfter is stored as a secret; not reported`,
      },
    );
    assert.deepEqual(
      rowOfResource("s", { ...api, outputs: { ...api.outputs, notAfter: "soon" } }),
      {
        warning: `s: ${api.urn}: its notAfter "soon" is not a time; not reported`,
      },
    );
  });

  it("skips a resource the engine still has to delete (the old one of a replacement)", () => {
    const api = parse("plugin").resources.find((r) => r.urn.endsWith("SignedCertificate::api"))!;
    assert.deepEqual(rowOfResource("s", { ...api, delete: true }), {});
  });

  it("reads @pulumi/tls self-signed and locally signed certificates: validity outputs, subject and serial from certPem", () => {
    const certPem = datedCertificate('tls "self"', "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    const outputs = {
      certPem,
      validityStartTime: "2026-01-01T00:00:00Z",
      validityEndTime: "2027-01-01T00:00:00Z",
      earlyRenewalHours: 48,
      readyForRenewal: false,
    };
    const rows = ["selfSignedCert:SelfSignedCert", "locallySignedCert:LocallySignedCert"].map(
      (t) => {
        const type = `tls:index/${t}`;
        return rowOfResource("s", { urn: `urn:pulumi:dev::p::${type}::c`, type, outputs }).row;
      },
    );
    for (const row of rows) {
      assert.equal(row?.door, "tls");
      assert.equal(row?.vendor, "tls");
      assert.equal(row?.subject, 'CN=tls \\"self\\"');
      assert.match(row?.serial ?? "", /^[0-9A-F]+$/);
      assert.deepEqual(
        [row?.notBefore, row?.notAfter, row?.renewalWindowStart],
        ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-12-30T00:00:00Z"],
      );
    }
  });
});
