// Package-test program: one resource of each of the seven types, from the installed package by name,
// against the simulator's vendors (environment CERTPLANE_*), so every type's serialized provider is
// written to state and loads its hooks in the dynamic-provider process.
"use strict";
const certplane = require("pulumi-certplane");

const key = new certplane.CertificateRequest("key", {
  algorithm: "ECDSA",
  ecdsaCurve: "P256",
  subject: { commonName: "package-test" },
});
const signed = new certplane.pca.SignedCertificate("signed", {
  certRequestPem: key.certRequestPem,
  requestedUsername: "package-test",
  certDurationHours: 24,
});
const token = new certplane.pca.PersonalAccessToken("token", {
  expirationDate: "2099-12-31T23:59:59Z",
});
const ssh = new certplane.appviewx.SshCertificate("ssh", {
  publicKey: key.publicKeyOpenssh,
  certType: "User",
  principals: ["deploy"],
  validityValue: 1,
  validityUnit: "days",
  certificateIdentity: "package-test",
  caName: "testVendor.user.ca",
});
const frontdoor = new certplane.netfoundry.ClientCertificate("frontdoor", {
  name: "package-test",
  certRequestPem: key.certRequestPem,
});
const record = new certplane.oraclesbc.CertificateRecord("record", {
  name: "package-test",
  commonName: "sbc.example.com",
  keyAlgorithm: "ecdsa",
});
const recordSigned = new certplane.pca.SignedCertificate("record-signed", {
  certRequestPem: record.certRequestPem,
  requestedUsername: "sbc.example.com",
  certDurationHours: 24,
});
const imported = new certplane.oraclesbc.CertificateImport("import", {
  recordName: record.recordName,
  certificatePem: recordSigned.certificatePem,
});

exports.serialNumber = signed.serialNumber;
exports.tokenId = token.tokenId;
exports.sshSerial = ssh.serialNumber;
exports.frontdoorCertificatePem = frontdoor.certificatePem;
exports.importedFingerprint = imported.fingerprintSha256;
