/**
 * Where a connection's proxy comes from: argument → stack config → CERTPLANE_<VENDOR>_* → the
 * standard HTTPS_PROXY/https_proxy and NO_PROXY/no_proxy; Zitadel follows PCA's explicit settings;
 * credentials in a proxy URL are redacted from then on; the SDK makes a proxyUrl with credentials a
 * secret and leaves one without as it is.
 *
 * The environment is changed only inside one synchronous call and restored before it returns, so
 * nothing else in this mocha process ever sees a proxy.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { resolveAppViewXConnection } from "../../provider/appviewx/connection";
import { resolveNetfoundryConnection } from "../../provider/netfoundry/connection";
import { resolveSbcConnection } from "../../provider/oraclesbc/connection";
import { resolvePcaConnection } from "../../provider/pca/connection";
import { resolveZitadelConnection } from "../../provider/pca/zitadelConnection";
import type { ResolvedConnection } from "../../provider/core/connection";
import { proxySettingsOf, type ProxySettings } from "../../provider/core/proxySettings";
import { clearRegisteredSecrets, redact } from "../../provider/core/redact";
import { setStackConfig } from "../../provider/core/stackConfig";
import { withSecretFields } from "../../sdk/secrets";
import { whileEnvSync } from "../support/withEnv";

const PROXY_VARIABLES = [
  "HTTPS_PROXY",
  "https_proxy",
  "NO_PROXY",
  "no_proxy",
  "HTTP_PROXY",
  "http_proxy",
];

/** Runs `fn` with exactly `vars` as the proxy environment (and CERTPLANE_* additions), then restores. */
function withProxyEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const unset = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, undefined]));
  return whileEnvSync({ ...unset, ...vars }, fn);
}

const vendors: Array<
  [prefix: string, resolve: (args?: Record<string, unknown>) => ResolvedConnection]
> = [
  ["pca", resolvePcaConnection],
  ["appviewx", resolveAppViewXConnection],
  ["netfoundry", resolveNetfoundryConnection],
  [
    "oraclesbc",
    (args) => resolveSbcConnection({ url: "https://sbc", token: "t-123456", ...args }).resolved,
  ],
];

function settings(
  resolve: (args?: Record<string, unknown>) => ResolvedConnection,
  args?: Record<string, unknown>,
): ProxySettings {
  return proxySettingsOf(resolve(args));
}

describe("proxy resolution", () => {
  afterEach(() => {
    setStackConfig(undefined);
    clearRegisteredSecrets();
  });

  for (const [prefix, resolve] of vendors) {
    const upper = prefix.toUpperCase();
    const Config = `certplane:${prefix}ProxyUrl`;
    const NoConfig = `certplane:${prefix}NoProxy`;

    it(`${prefix}: argument, then stack config, then CERTPLANE_${upper}_*, then HTTPS_PROXY/NO_PROXY`, () => {
      const env = {
        [`CERTPLANE_${upper}_PROXY_URL`]: "http://from-certplane-env:3128",
        [`CERTPLANE_${upper}_NO_PROXY`]: "certplane.example",
        HTTPS_PROXY: "http://from-https-proxy:3128",
        NO_PROXY: "standard.example",
      };
      setStackConfig({ [Config]: "http://from-config:3128", [NoConfig]: "config.example" });
      withProxyEnv(env, () => {
        assert.deepEqual(
          settings(resolve, { proxyUrl: "http://from-arg:3128", noProxy: "arg.example" }),
          {
            proxyUrl: "http://from-arg:3128",
            proxyUrlSource: "resource argument connection.proxyUrl",
            noProxy: "arg.example",
          },
        );
        assert.deepEqual(settings(resolve), {
          proxyUrl: "http://from-config:3128",
          proxyUrlSource: `stack config ${Config}`,
          noProxy: "config.example",
        });
      });
      setStackConfig(undefined);
      withProxyEnv(env, () =>
        assert.deepEqual(settings(resolve), {
          proxyUrl: "http://from-certplane-env:3128",
          proxyUrlSource: `environment variable CERTPLANE_${upper}_PROXY_URL`,
          noProxy: "certplane.example",
        }),
      );
      withProxyEnv(
        { HTTPS_PROXY: "http://from-https-proxy:3128", NO_PROXY: "standard.example" },
        () =>
          assert.deepEqual(settings(resolve), {
            proxyUrl: "http://from-https-proxy:3128",
            proxyUrlSource: "environment variable HTTPS_PROXY",
            noProxy: "standard.example",
          }),
      );
    });
  }

  it("HTTPS_PROXY before https_proxy, NO_PROXY before no_proxy; an empty value counts as unset; HTTP_PROXY is not used", () => {
    withProxyEnv(
      {
        HTTPS_PROXY: "http://upper:1",
        https_proxy: "http://lower:1",
        NO_PROXY: "",
        no_proxy: "lower.example",
      },
      () =>
        assert.deepEqual(settings(resolvePcaConnection), {
          proxyUrl: "http://upper:1",
          proxyUrlSource: "environment variable HTTPS_PROXY",
          noProxy: "lower.example",
        }),
    );
    withProxyEnv({ HTTPS_PROXY: "", https_proxy: "http://lower:1" }, () =>
      assert.equal(settings(resolvePcaConnection).proxyUrl, "http://lower:1"),
    );
    withProxyEnv({ HTTP_PROXY: "http://plain:1", http_proxy: "http://plain:1" }, () =>
      assert.deepEqual(settings(resolvePcaConnection), {
        proxyUrl: undefined,
        proxyUrlSource: "nowhere (not set)",
        noProxy: undefined,
      }),
    );
  });

  it("Zitadel follows PCA's explicit proxy settings, else its own, else the standard environment", () => {
    withProxyEnv(
      {
        CERTPLANE_PCA_PROXY_URL: "http://pca-proxy:3128",
        CERTPLANE_PCA_NO_PROXY: "pca.example",
        HTTPS_PROXY: "http://std:1",
      },
      () =>
        assert.deepEqual(settings(resolveZitadelConnection), {
          proxyUrl: "http://pca-proxy:3128",
          proxyUrlSource: "environment variable CERTPLANE_PCA_PROXY_URL",
          noProxy: "pca.example",
        }),
    );
    withProxyEnv(
      {
        CERTPLANE_PCA_PROXY_URL: "http://pca-proxy:3128",
        CERTPLANE_ZITADEL_PROXY_URL: "http://own:3128",
      },
      () => assert.equal(settings(resolveZitadelConnection).proxyUrl, "http://own:3128"),
    );
    withProxyEnv({ HTTPS_PROXY: "http://std:1" }, () =>
      assert.deepEqual(settings(resolveZitadelConnection), {
        proxyUrl: "http://std:1",
        proxyUrlSource: "environment variable HTTPS_PROXY",
        noProxy: undefined,
      }),
    );
  });

  it("credentials in a proxy URL are redacted once resolved, wherever it came from", () => {
    withProxyEnv({ HTTPS_PROXY: "http://egress:s3cr%40t-pass@proxy.corp:3128" }, () =>
      resolvePcaConnection(undefined),
    );
    resolveAppViewXConnection({ proxyUrl: "https://ops:an0ther-pass@proxy.corp:8443" });
    assert.equal(
      redact(
        "407 for egress:s3cr@t-pass, s3cr%40t-pass, an0ther-pass; http://egress:s3cr%40t-pass@proxy.corp:3128",
      ),
      "407 for [REDACTED], [REDACTED], [REDACTED]; [REDACTED]",
    );
    // A proxy URL without credentials is not a secret: it stays readable in messages.
    resolvePcaConnection({ proxyUrl: "http://proxy.corp:3128" });
    assert.equal(redact("via http://proxy.corp:3128"), "via http://proxy.corp:3128");
  });
});

describe("SDK: a connection's proxyUrl is a secret when it holds credentials", () => {
  const isSecret = async (value: unknown) =>
    pulumi.Output.isInstance(value)
      ? await (value as unknown as { isSecret: Promise<boolean> }).isSecret
      : false;

  it("a plain string with user:password@ becomes a secret; one without stays plain", async () => {
    const withCreds = withSecretFields({ proxyUrl: "http://u:p4ssword@proxy:3128" }, []) as Record<
      string,
      unknown
    >;
    assert.equal(await isSecret(withCreds.proxyUrl), true);
    const bare = withSecretFields({ proxyUrl: "http://proxy:3128" }, []) as Record<string, unknown>;
    assert.equal(bare.proxyUrl, "http://proxy:3128");
    const noScheme = withSecretFields({ proxyUrl: "u:p4ssword@proxy:3128" }, []) as Record<
      string,
      unknown
    >;
    assert.equal(await isSecret(noScheme.proxyUrl), true);
    const atInPath = withSecretFields({ proxyUrl: "http://proxy:3128/@x" }, []) as Record<
      string,
      unknown
    >;
    assert.equal(atInPath.proxyUrl, "http://proxy:3128/@x");
  });

  it("an Output is decided when it resolves", async () => {
    const withCreds = withSecretFields(
      { proxyUrl: pulumi.output("http://u:p4ssword@proxy:3128") },
      [],
    ) as Record<string, unknown>;
    assert.equal(await isSecret(withCreds.proxyUrl), true);
    const bare = withSecretFields({ proxyUrl: pulumi.output("http://proxy:3128") }, []) as Record<
      string,
      unknown
    >;
    assert.equal(await isSecret(bare.proxyUrl), false);
  });
});
