/**
 * The provider reads each resource's contract from schema/schema.json: a field added there is
 * checked, normalized, diffed (replace or update as the schema says), defaulted and resolved (for
 * connection fields) with no line of hooks code. Each case adds a field to the loaded schema, runs
 * the real hooks, and takes it out again; the last ones hold the schema to the hooks it names.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveConnection } from "../../provider/core/connection";
import { connectionFieldSpecs } from "../../provider/core/connectionSchema";
import {
  PACKAGE_SCHEMA,
  objectTypeSchema,
  resourceSchema,
  secretOutputs,
  type PropertySchema,
} from "../../provider/core/packageSchema";
import { makeKeyAndCsr } from "../../provider/csr/certificateRequest";
import { check, diff, type SignedCertificateOutputs } from "../../provider/pca/signedCertificate";
import type { SignedCertificateInputs } from "../../provider/pca/signedCertificateInputs";
import { REPO_ROOT } from "../support/packageLink";
import { withEnv } from "../support/withEnv";

const SIGNED = "certplane:pca:SignedCertificate";

/** Runs `body` with `property` added to the inputs of `token` (and to its outputs when asked). */
async function withInput<T>(
  token: string,
  name: string,
  property: PropertySchema,
  body: () => Promise<T>,
  output?: PropertySchema,
): Promise<T> {
  const resource = resourceSchema(token);
  resource.inputProperties[name] = property;
  if (output) resource.properties[name] = output;
  try {
    return await body();
  } finally {
    delete resource.inputProperties[name];
    delete resource.properties[name];
  }
}

describe("the provider's contract comes from schema/schema.json", () => {
  let csr: { certRequestPem: string; privateKeyPem: string };
  before(async () => {
    csr = await makeKeyAndCsr({ algorithm: "ECDSA", ecdsaCurve: "P256" });
  });
  const base = () => ({ certRequestPem: csr.certRequestPem, requestedUsername: "nso-user" });

  it("a new string input is checked, passed on, and updates in place when it changes", async () => {
    await withInput(
      SIGNED,
      "ticket",
      { type: "string", description: "A change ticket." },
      async () => {
        const ok = await check({}, { ...base(), ticket: 'CHG-1 "quoted" \\ ü' });
        assert.deepEqual(ok.failures, []);
        assert.equal(ok.inputs.ticket, 'CHG-1 "quoted" \\ ü');

        const bad = await check({}, { ...base(), ticket: 5 });
        assert.deepEqual(bad.failures, [
          { property: "ticket", reason: "ticket must be a string; got 5." },
        ]);

        const olds = {
          ...(ok.inputs as unknown as SignedCertificateInputs),
          notAfter: "2999-01-01T00:00:00Z",
        };
        const news = { ...(ok.inputs as unknown as SignedCertificateInputs), ticket: "CHG-2" };
        assert.deepEqual(await diff("id", olds as unknown as SignedCertificateOutputs, news), {
          changes: true,
          replaces: [],
          deleteBeforeReplace: false,
        });
      },
    );
  });

  it("a new input marked willReplaceOnChanges replaces; one with a default gets it", async () => {
    const property: PropertySchema = {
      type: "integer",
      description: "A replacing knob.",
      default: 7,
      willReplaceOnChanges: true,
    };
    await withInput(SIGNED, "knob", property, async () => {
      const { inputs, failures } = await check({}, base());
      assert.deepEqual(failures, []);
      assert.equal(inputs.knob, 7);
      const bad = await check({}, { ...base(), knob: "seven" });
      assert.deepEqual(bad.failures, [
        { property: "knob", reason: 'knob must be a whole number; got "seven".' },
      ]);
      const olds = {
        ...inputs,
        notAfter: "2999-01-01T00:00:00Z",
      } as unknown as SignedCertificateOutputs;
      const news = { ...inputs, knob: 8 } as unknown as SignedCertificateInputs;
      assert.deepEqual((await diff("id", olds, news)).replaces, ["knob"]);
    });
  });

  it("a new required input is required at check, by name", async () => {
    const resource = resourceSchema(SIGNED);
    await withInput(SIGNED, "owner", { type: "string", description: "Who owns it." }, async () => {
      resource.requiredInputs.push("owner");
      try {
        const { failures } = await check({}, base());
        assert.deepEqual(failures, [
          { property: "owner", reason: "owner is required; got nothing." },
        ]);
      } finally {
        resource.requiredInputs.pop();
      }
    });
  });

  it("a new secret input is never shown in a failure; a secret output joins the secret list", async () => {
    // privateKeyPem is a secret input only: not among the outputs (issue 28).
    assert.deepEqual(secretOutputs(SIGNED), []);
    const secret: PropertySchema = { type: "string", description: "A secret.", secret: true };
    await withInput(
      SIGNED,
      "passphrase",
      secret,
      async () => {
        const { failures } = await check({}, { ...base(), passphrase: 12345 });
        assert.deepEqual(failures, [
          {
            property: "passphrase",
            reason: "passphrase must be a string; got a value (hidden: it is secret).",
          },
        ]);
        assert.deepEqual(secretOutputs(SIGNED), ["passphrase"]);
      },
      secret,
    );
  });

  it("an enum input accepts its values only", async () => {
    await withInput(
      SIGNED,
      "curve",
      { $ref: "#/types/certplane:index:EcdsaCurve", description: "A curve." },
      async () => {
        assert.equal((await check({}, { ...base(), curve: "p384" })).inputs.curve, "P384");
        assert.deepEqual((await check({}, { ...base(), curve: "P999" })).failures, [
          {
            property: "curve",
            reason: 'curve must be one of "P256", "P384", "P521"; got "P999".',
          },
        ]);
      },
    );
  });

  describe("connection fields", () => {
    withEnv(() => ({ CERTPLANE_PCA_TENANT: "acme", CERTPLANE_PCA_TIMEOUT_SECONDS: undefined }));

    it("a field added to a connection type resolves from config and env, with its kind and default", () => {
      const type = objectTypeSchema("certplane:pca:Connection");
      type.properties.tenant = { type: "string", description: "A tenant." };
      type.properties.retries = {
        type: "integer",
        description: "Retries.",
        language: { certplane: { default: 3 } },
      };
      try {
        const conn = resolveConnection("pca", connectionFieldSpecs("certplane:pca:Connection"), {});
        assert.deepEqual(conn.fields.tenant, {
          value: "acme",
          source: { kind: "env", name: "CERTPLANE_PCA_TENANT" },
        });
        assert.deepEqual(conn.fields.retries, { value: 3, source: { kind: "default" } });
        // The one place the 30-second timeout is written is the schema.
        assert.deepEqual(conn.fields.timeoutSeconds, { value: 30, source: { kind: "default" } });
      } finally {
        delete type.properties.tenant;
        delete type.properties.retries;
      }
    });
  });

  it("every resource names a hooks module that exists and exports every hook", () => {
    for (const [token, resource] of Object.entries(PACKAGE_SCHEMA.resources)) {
      const file = path.join(REPO_ROOT, "provider", `${resource.language.certplane.hooks}.ts`);
      assert.ok(fs.existsSync(file), `${token}: ${file} is missing`);
      const hooks = require(file) as Record<string, unknown>;
      for (const hook of ["check", "diff", "create", "read", "update", "delete", "configure"])
        assert.equal(typeof hooks[hook], "function", `${token}: ${hook} is not exported`);
    }
  });
});
