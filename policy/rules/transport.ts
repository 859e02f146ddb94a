/**
 * The transport rules, over every vendor connection (`connection` on the resource, and, through the
 * plugin door, the provider's stack config `certplane:<vendor><Field>`, which the engine shows
 * policies). Environment variables (`CERTPLANE_<VENDOR>_*`) are invisible to a policy, and so is the
 * stack config of the dynamic door.
 * - certplane-tls-verification: `insecureSkipTlsVerify` is never true;
 * - certplane-ca-bundle: a connection that names a vendor's `url` also names its `caCertPem`, for
 *   vendors that run on premises with a private CA (PCA, Zitadel, AppViewX, Oracle SBC);
 * - certplane-proxy-credentials: a `proxyUrl` carries no user name or password (put it in the
 *   environment instead, where no program or state holds it).
 */
import { configKey } from "./certplaneTypes";
import { readInput, UNKNOWN, type CertplaneResource, type InputValue } from "./inputs";
import type { ResourceRule } from "./rule";
import {
  providerConfigProperty,
  shownValue,
  withoutCredentials,
  type Violation,
} from "./violation";

/** One place a connection field can be set, and the value there. */
interface FieldSetting {
  where: "connection" | "provider";
  property: string;
  value: InputValue;
}

/** How a message names `field` set in `where`. */
function settingProperty(where: FieldSetting["where"], prefix: string, field: string): string {
  return where === "connection" ? `connection.${field}` : providerConfigProperty(prefix, field);
}

/** Where `field` of `resource`'s connection is set where a policy can see it, in precedence order. */
export function connectionSettings(resource: CertplaneResource, field: string): FieldSetting[] {
  const connection = resource.type.connection;
  if (!connection || !connection.fields[field]) return [];
  const settings: FieldSetting[] = [
    {
      where: "connection",
      property: settingProperty("connection", connection.prefix, field),
      value: readInput(resource.props, ["connection", field]),
    },
  ];
  if (resource.providerProps) {
    settings.push({
      where: "provider",
      property: settingProperty("provider", connection.prefix, field),
      value: readInput(resource.providerProps, [configKey(connection.prefix, field)]),
    });
  }
  return settings.filter((setting) => setting.value !== undefined && setting.value !== null);
}

/** `true` as a boolean or as the text stack config holds. */
function isTrue(value: InputValue): boolean {
  return value === true || value === "true";
}

/** certplane-tls-verification. */
export const tlsVerification: ResourceRule<"certplane-tls-verification", Record<string, never>> = {
  name: "certplane-tls-verification",
  scope: "resource",
  description:
    "No connection turns TLS verification off: insecureSkipTlsVerify is never true (resource connection or provider config).",
  level: "mandatory",
  defaults: {},
  optionSchemas: {},
  check(resource, _options, report) {
    for (const setting of connectionSettings(resource, "insecureSkipTlsVerify")) {
      if (!isTrue(setting.value)) continue;
      report({
        property: setting.property,
        value: "true",
        problem: "TLS verification is off",
        limit: `false or not set; trust a private CA with caCertPem instead`,
      });
    }
  },
};

/** Options of certplane-ca-bundle. */
export interface CaBundleOptions {
  /** The connections (config prefixes) that need a CA bundle beside their URL. */
  vendors: string[];
}

/** certplane-ca-bundle. */
export const caBundle: ResourceRule<"certplane-ca-bundle", CaBundleOptions> = {
  name: "certplane-ca-bundle",
  scope: "resource",
  description:
    "A connection that names an on-premises vendor's url also names the CA that signed it (caCertPem).",
  level: "advisory",
  defaults: { vendors: ["pca", "zitadel", "appviewx", "oraclesbc"] },
  optionSchemas: { vendors: { type: "array", items: { type: "string" } } },
  check(resource, options, report) {
    const connection = resource.type.connection;
    if (!connection || !options.vendors.includes(connection.prefix)) return;
    const urls = connectionSettings(resource, "url");
    const cas = connectionSettings(resource, "caCertPem");
    if (urls.length === 0 || cas.length > 0) return;
    const [url] = urls;
    if (url.value === UNKNOWN) return;
    report({
      property: settingProperty(url.where, connection.prefix, "caCertPem"),
      value: `not set beside ${url.property} ${shownValue(resource.type, "connection.url", url.value)}`,
      problem: "the vendor's private CA is not trusted explicitly",
      limit: `a caCertPem wherever a url is set for ${connection.prefix} (vendors)`,
    });
  },
};

/** certplane-proxy-credentials. */
export const proxyCredentials: ResourceRule<
  "certplane-proxy-credentials",
  Record<string, never>
> = {
  name: "certplane-proxy-credentials",
  scope: "resource",
  description:
    "Proxy URLs carry no inline credentials (user:password@): set them in CERTPLANE_<VENDOR>_PROXY_URL instead.",
  level: "mandatory",
  defaults: {},
  optionSchemas: {},
  check(resource, _options, report) {
    for (const setting of connectionSettings(resource, "proxyUrl")) {
      if (typeof setting.value !== "string") continue;
      const violation = credentialsIn(setting.property, setting.value);
      if (violation) report(violation);
    }
  },
};

function credentialsIn(property: string, url: string): Violation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // the provider's check refuses it, naming the problem
  }
  if (parsed.username === "" && parsed.password === "") return undefined;
  return {
    property,
    value: JSON.stringify(withoutCredentials(url)),
    problem: "it carries inline credentials (shown as ***)",
    limit: "no user name or password in the URL",
  };
}
