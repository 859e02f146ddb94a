/**
 * Property test: inputs that satisfy a rule never trip it, through any door — random valid
 * certificates, keys and connections built inside each rule's limits (at the limits included), with
 * random unknowns sprinkled in (an unknown is never a violation).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { DOORS, NOW, UNKNOWN, violationsOf, type Door } from "./policyHarness";

const door = fc.constantFrom<Door>(...DOORS);
/** A value, or (sometimes) the engine's unknown sentinel. */
const maybeUnknown = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(UNKNOWN) });

const UNITS: [string, number][] = [
  ["hours", 1],
  ["days", 24],
  ["weeks", 168],
  ["months", 720],
  ["years", 8760],
];

describe("policy: random inputs that satisfy a rule never trip it (fast-check)", () => {
  it("PCA certificates inside maxHours with a window at least minFraction pass validity and renewal", async () => {
    await fc.assert(
      fc.asyncProperty(
        door,
        fc.integer({ min: 1, max: 87600 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        async (d, maxHours, minFraction, extra) => {
          const duration = Math.max(1, maxHours - extra);
          const window = Math.min(duration - 1, Math.ceil(duration * minFraction) + (extra % 7));
          fc.pre(window >= Math.ceil(duration * minFraction - 1e-9) && window > 0);
          const cert = {
            token: "certplane:pca:SignedCertificate",
            door: d,
            props: { certDurationHours: duration, earlyRenewalHours: window },
          };
          assert.deepEqual(
            await violationsOf("certplane-certificate-validity", cert, {
              "certplane-certificate-validity": { maxHours },
            }),
            [],
          );
          assert.deepEqual(
            await violationsOf("certplane-renewal-window", cert, {
              "certplane-renewal-window": { minFraction },
            }),
            [],
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("SSH certificates and PATs inside maxHours pass (any unit, lifetime or pinned date)", async () => {
    await fc.assert(
      fc.asyncProperty(
        door,
        fc.integer({ min: 1, max: 20000 }),
        fc.constantFrom(...UNITS),
        fc.integer({ min: 0, max: 20000 }),
        async (d, maxHours, [unit, perUnit], hoursBefore) => {
          const value = Math.floor(maxHours / perUnit);
          fc.pre(value > 0);
          const ssh = {
            token: "certplane:appviewx:SshCertificate",
            door: d,
            props: { validityValue: value, validityUnit: unit.toUpperCase() },
          };
          const settings = { maxHours };
          assert.deepEqual(
            await violationsOf("certplane-ssh-certificate-validity", ssh, {
              "certplane-ssh-certificate-validity": settings,
            }),
            [],
          );
          const hours = Math.max(1, maxHours - hoursBefore);
          const expires = new Date(NOW.getTime() + hours * 3_600_000).toISOString();
          for (const props of [{ lifetimeHours: hours }, { expirationDate: expires }]) {
            const pat = { token: "certplane:pca:PersonalAccessToken", door: d, props };
            assert.deepEqual(
              await violationsOf("certplane-token-lifetime", pat, {
                "certplane-token-lifetime": settings,
              }),
              [],
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keys at least as strong as required pass key strength", async () => {
    const key = fc.oneof(
      fc.record({
        algorithm: fc.constant("RSA"),
        rsaBits: maybeUnknown(fc.constantFrom(2048, 3072, 4096)),
      }),
      fc.record({
        algorithm: fc.constant("ECDSA"),
        ecdsaCurve: maybeUnknown(fc.constantFrom("P256", "P384", "P521")),
      }),
      fc.record({ algorithm: fc.constant("ED25519") }),
    );
    await fc.assert(
      fc.asyncProperty(door, key, async (d, generated) => {
        const props = generated as { algorithm: string; rsaBits?: unknown; ecdsaCurve?: unknown };
        const rsaBits = typeof props.rsaBits === "number" ? props.rsaBits : 2048;
        const curve = typeof props.ecdsaCurve === "string" ? props.ecdsaCurve : "P256";
        const settings = {
          "certplane-key-strength": {
            minRsaBits: props.rsaBits === UNKNOWN ? 4096 : rsaBits,
            allowedEcdsaCurves: props.ecdsaCurve === UNKNOWN ? [] : [curve],
            allowEd25519: true,
          },
        };
        const csr = { token: "certplane:index:CertificateRequest", door: d, props };
        assert.deepEqual(await violationsOf("certplane-key-strength", csr, settings), []);
      }),
      { numRuns: 300 },
    );
  });

  it("connections without an insecure flag, with credential-free proxies and a CA beside every URL pass transport", async () => {
    const connection = fc.record(
      {
        url: maybeUnknown(fc.webUrl()),
        caCertPem: fc.constant("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
        insecureSkipTlsVerify: maybeUnknown(fc.constant(false)),
        proxyUrl: maybeUnknown(fc.webUrl()),
        token: fc.string(),
      },
      { requiredKeys: ["caCertPem"] },
    );
    const token = fc.constantFrom(
      "certplane:pca:SignedCertificate",
      "certplane:pca:PersonalAccessToken",
      "certplane:appviewx:SshCertificate",
      "certplane:netfoundry:ClientCertificate",
      "certplane:oraclesbc:CertificateRecord",
      "certplane:oraclesbc:CertificateImport",
    );
    await fc.assert(
      fc.asyncProperty(door, token, connection, async (d, t, conn) => {
        for (const rule of [
          "certplane-tls-verification",
          "certplane-ca-bundle",
          "certplane-proxy-credentials",
        ] as const) {
          assert.deepEqual(
            await violationsOf(rule, { token: t, door: d, props: { connection: conn } }),
            [],
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("principals and DNS names that match an allowed pattern (and are not forbidden) pass naming", async () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
    await fc.assert(
      fc.asyncProperty(door, fc.array(label, { minLength: 1, maxLength: 5 }), async (d, labels) => {
        fc.pre(!labels.includes("root"));
        const principals = labels.map((l) => `${l}.hosts.example.com`);
        const settings = {
          "certplane-ssh-principals": { allowedPatterns: ["*.hosts.example.com"] },
          "certplane-dns-names": {
            enforcementLevel: "mandatory" as const,
            allowedPatterns: ["**.example.com"],
          },
        };
        const ssh = { token: "certplane:appviewx:SshCertificate", door: d, props: { principals } };
        assert.deepEqual(await violationsOf("certplane-ssh-principals", ssh, settings), []);
        const csr = {
          token: "certplane:index:CertificateRequest",
          door: d,
          props: { dnsNames: principals },
        };
        assert.deepEqual(await violationsOf("certplane-dns-names", csr, settings), []);
      }),
      { numRuns: 300 },
    );
  });
});
