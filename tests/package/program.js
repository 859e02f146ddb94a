// Package-test program: `count` CertificateRequests imported from the installed package by name,
// as a user's program would (plain JavaScript, so no TypeScript loader is needed).
"use strict";
const pulumi = require("@pulumi/pulumi");
const certplane = require("pulumi-certplane");

const count = new pulumi.Config().requireNumber("count");
const fingerprints = [];
for (let i = 0; i < count; i++) {
  const csr = new certplane.CertificateRequest(`csr-${i}`, {
    algorithm: "ECDSA",
    ecdsaCurve: "P256",
    subject: { commonName: `device-${i}` },
  });
  fingerprints.push(csr.publicKeyFingerprintSha256);
}
exports.fingerprints = fingerprints;
