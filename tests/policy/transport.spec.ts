import assert from "node:assert/strict";
import { DOORS, UNKNOWN, violationsOf } from "./policyHarness";

const PCA = "certplane:pca:SignedCertificate";
const SBC = "certplane:oraclesbc:CertificateImport";

describe("policy: transport rules", () => {
  describe("certplane-tls-verification", () => {
    const RULE = "certplane-tls-verification";
    for (const door of DOORS) {
      it(`${door} door: insecureSkipTlsVerify true fails, false passes`, async () => {
        const cert = (insecureSkipTlsVerify: unknown) => ({
          token: PCA,
          door,
          name: "api",
          props: { connection: { insecureSkipTlsVerify } },
        });
        assert.deepEqual(await violationsOf(RULE, cert(false)), []);
        assert.deepEqual(await violationsOf(RULE, cert(true)), [
          'pca.SignedCertificate "api": connection.insecureSkipTlsVerify is true, TLS verification is off: false or not set; trust a private CA with caCertPem instead.',
        ]);
        assert.deepEqual(await violationsOf(RULE, cert(UNKNOWN)), []);
      });
    }

    it("provider config (the plugin door's stack config) is judged too, as text or boolean", async () => {
      for (const value of ["true", true]) {
        assert.deepEqual(
          await violationsOf(RULE, {
            token: SBC,
            name: "sbc",
            props: {},
            providerProps: { oraclesbcInsecureSkipTlsVerify: value },
          }),
          [
            'oraclesbc.CertificateImport "sbc": provider config certplane:oraclesbcInsecureSkipTlsVerify is true, TLS verification is off: false or not set; trust a private CA with caCertPem instead.',
          ],
        );
      }
      const otherVendor = {
        token: PCA,
        props: {},
        providerProps: { oraclesbcInsecureSkipTlsVerify: "true" },
      };
      assert.deepEqual(await violationsOf(RULE, otherVendor), []);
    });
  });

  describe("certplane-proxy-credentials", () => {
    const RULE = "certplane-proxy-credentials";
    it("failing case: user:password@ in a proxyUrl; the message hides both", async () => {
      const messages = await violationsOf(RULE, {
        token: PCA,
        door: "dynamic",
        name: "api",
        props: { connection: { proxyUrl: "http://proxy-user:hunter2-secret@proxy.corp:3128" } },
      });
      assert.deepEqual(messages, [
        'pca.SignedCertificate "api": connection.proxyUrl is "http://***@proxy.corp:3128", it carries inline credentials (shown as ***): no user name or password in the URL.',
      ]);
      assert.equal(/hunter2|proxy-user/.test(messages.join()), false);
    });

    it("a proxy URL without credentials, an unknown one, and the provider's config", async () => {
      const cert = (proxyUrl: unknown) => ({ token: PCA, props: { connection: { proxyUrl } } });
      assert.deepEqual(await violationsOf(RULE, cert("http://proxy.corp:3128")), []);
      assert.deepEqual(await violationsOf(RULE, cert(UNKNOWN)), []);
      assert.deepEqual(
        await violationsOf(RULE, {
          token: "certplane:pca:PersonalAccessToken",
          name: "gnmi",
          props: {},
          providerProps: { zitadelProxyUrl: "https://u:p@proxy:443" },
        }),
        [
          'pca.PersonalAccessToken "gnmi": provider config certplane:zitadelProxyUrl is "https://***@proxy:443", it carries inline credentials (shown as ***): no user name or password in the URL.',
        ],
      );
    });
  });

  describe("certplane-ca-bundle", () => {
    const RULE = "certplane-ca-bundle";
    it("a url without a caCertPem beside it is flagged for on-premises vendors; with one, or with no url, passes", async () => {
      const cert = (connection: Record<string, unknown>) => ({
        token: PCA,
        name: "api",
        props: { connection },
      });
      assert.deepEqual(await violationsOf(RULE, cert({ url: "https://pca.corp" })), [
        'pca.SignedCertificate "api": connection.caCertPem is not set beside connection.url "https://pca.corp", the vendor\'s private CA is not trusted explicitly: a caCertPem wherever a url is set for pca (vendors).',
      ]);
      const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
      assert.deepEqual(
        await violationsOf(RULE, cert({ url: "https://pca.corp", caCertPem: pem })),
        [],
      );
      assert.deepEqual(await violationsOf(RULE, cert({ token: "t" })), []);
      assert.deepEqual(await violationsOf(RULE, cert({ url: UNKNOWN })), []);
      assert.deepEqual(
        await violationsOf(RULE, cert({ url: "https://pca.corp" }), {
          [RULE]: { vendors: ["oraclesbc"] },
        }),
        [],
      );
    });

    it("NetFoundry (a public service) is not a default vendor", async () => {
      const nf = {
        token: "certplane:netfoundry:ClientCertificate",
        props: { connection: { url: "https://gw" } },
      };
      assert.deepEqual(await violationsOf(RULE, nf), []);
    });
  });

  it("secret connection fields never reach a message, whatever the rule", async () => {
    const secrets = {
      token: "tok-SECRET-1",
      password: "pw-SECRET-2",
      clientPrivateKeyPem: "KEY-SECRET-3",
    };
    for (const rule of [
      "certplane-tls-verification",
      "certplane-ca-bundle",
      "certplane-proxy-credentials",
    ] as const) {
      const messages = await violationsOf(rule, {
        token: "certplane:oraclesbc:CertificateRecord",
        name: "sbc",
        props: {
          connection: {
            url: "https://sbc.corp",
            insecureSkipTlsVerify: true,
            proxyUrl: "http://admin:pw-SECRET-2@proxy:8080",
            ...secrets,
          },
        },
      });
      assert.equal(messages.length, 1, rule);
      assert.equal(/SECRET/.test(messages.join()), false, messages.join());
    }
  });
});
