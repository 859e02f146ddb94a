import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  configKey,
  envName,
  requireField,
  resolveConnection,
  sourceOf,
  stringField,
  type ConnectionFieldSpec,
} from "../../provider/core/connection";
import { setStackConfig } from "../../provider/core/stackConfig";

const specs: ConnectionFieldSpec[] = [
  { name: "url", kind: "string" },
  { name: "token", kind: "string", secret: true },
  { name: "caCertPem", kind: "string", pem: true },
  { name: "insecureSkipTlsVerify", kind: "boolean", fallback: false },
  { name: "timeoutSeconds", kind: "number", fallback: 30 },
];
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("connection resolution", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith("CERTPLANE_")) delete process.env[k];
    Object.assign(process.env, saved);
    setStackConfig(undefined);
  });

  it("names config keys and env variables as DESIGN.md says", () => {
    assert.equal(configKey("pca", "token"), "certplane:pcaToken");
    assert.equal(configKey("oraclesbc", "url"), "certplane:oraclesbcUrl");
    assert.equal(envName("pca", "caCertPem"), "CERTPLANE_PCA_CA_CERT_PEM");
    assert.equal(
      envName("appviewx", "clientCertificatePem"),
      "CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM",
    );
    assert.equal(envName("netfoundry", "clientId"), "CERTPLANE_NETFOUNDRY_CLIENT_ID");
  });

  it("prefers the resource argument over stack config over the environment", () => {
    process.env.CERTPLANE_PCA_TOKEN = "from-env";
    setStackConfig({ "certplane:pcaToken": "from-config" });
    const conn = resolveConnection("pca", specs, { token: "from-arg" });
    assert.equal(stringField(conn, "token"), "from-arg");
    assert.equal(sourceOf(conn, "token"), "resource argument connection.token");
  });

  it("falls back to stack config, then to the environment, then to defaults", () => {
    process.env.CERTPLANE_PCA_TOKEN = "from-env";
    process.env.CERTPLANE_PCA_URL = "https://env.example";
    setStackConfig({ "certplane:pcaToken": "from-config" });
    const conn = resolveConnection("pca", specs, {});
    assert.equal(stringField(conn, "token"), "from-config");
    assert.equal(sourceOf(conn, "token"), "stack config certplane:pcaToken");
    assert.equal(stringField(conn, "url"), "https://env.example");
    assert.equal(sourceOf(conn, "url"), "environment variable CERTPLANE_PCA_URL");
    assert.equal(conn.fields.insecureSkipTlsVerify.value, false);
    assert.equal(conn.fields.timeoutSeconds.value, 30);
    assert.equal(sourceOf(conn, "timeoutSeconds"), "the default");
  });

  it("reads a PEM from env as text with \\n escapes, or as a file path", () => {
    process.env.CERTPLANE_PCA_CA_CERT_PEM = PEM.trim().replace(/\n/g, "\\n");
    assert.equal(stringField(resolveConnection("pca", specs, {}), "caCertPem"), PEM);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cp-")), "ca.pem");
    fs.writeFileSync(file, PEM);
    process.env.CERTPLANE_PCA_CA_CERT_PEM = file;
    assert.equal(stringField(resolveConnection("pca", specs, {}), "caCertPem"), PEM);
  });

  it("fails clearly for a PEM that is neither PEM text nor a readable file", () => {
    process.env.CERTPLANE_PCA_CA_CERT_PEM = "/nonexistent/ca.pem";
    assert.throws(
      () => resolveConnection("pca", specs, {}),
      /caCertPem from environment variable CERTPLANE_PCA_CA_CERT_PEM is neither a PEM nor a readable file path; got "\/nonexistent\/ca.pem"/,
    );
  });

  it("coerces booleans and numbers from text and rejects nonsense", () => {
    setStackConfig({
      "certplane:pcaInsecureSkipTlsVerify": "true",
      "certplane:pcaTimeoutSeconds": "5",
    });
    const conn = resolveConnection("pca", specs, {});
    assert.equal(conn.fields.insecureSkipTlsVerify.value, true);
    assert.equal(conn.fields.timeoutSeconds.value, 5);
    setStackConfig({ "certplane:pcaTimeoutSeconds": "soon" });
    assert.throws(
      () => resolveConnection("pca", specs, {}),
      /timeoutSeconds from stack config certplane:pcaTimeoutSeconds must be a positive number; got "soon"/,
    );
  });

  it("derives a default from earlier fields (Zitadel from PCA)", () => {
    const zitadel: ConnectionFieldSpec[] = [
      {
        name: "url",
        kind: "string",
        fallback: () => ({
          value: "https://pca.example:3443",
          source: { kind: "default", description: "the PCA host on port 3443" },
        }),
      },
    ];
    const conn = resolveConnection("zitadel", zitadel, undefined);
    assert.equal(stringField(conn, "url"), "https://pca.example:3443");
    assert.equal(sourceOf(conn, "url"), "the PCA host on port 3443");
  });

  it("says every place a missing required field can be set", () => {
    const conn = resolveConnection("pca", specs, {});
    assert.throws(
      () => requireField(conn, "url"),
      /PCA url is not set\. Set connection\.url, stack config certplane:pcaUrl or environment variable CERTPLANE_PCA_URL\./,
    );
  });
});
