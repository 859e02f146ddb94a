/**
 * The files generated from schema/schema.json (`npm run generate`): none is stale, and a field
 * added to the schema reaches the sdk class, its props and secret wrapping, the secret lists, the
 * provider configuration and the docs tables without being written anywhere else.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { derivedOutputs } from "../../provider/core/packageSchema";
import { generateFiles, readSchema, REPO_ROOT, staleFiles } from "../../tools/generate/generate";
import { withScratchDir } from "../support/withScratchDir";

/** `text` as a regular expression matching itself. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const readPage = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

/** Lines of `after` that `before` does not have, and lines of `before` that `after` lost. */
function lineChanges(before: string, after: string): { added: string[]; removed: string[] } {
  const beforeLines = new Set(before.split("\n"));
  const afterLines = new Set(after.split("\n"));
  return {
    added: after.split("\n").filter((line) => !beforeLines.has(line)),
    removed: before.split("\n").filter((line) => !afterLines.has(line)),
  };
}

/** The generated files whose text differs from the repository's, sorted. */
function changedFiles(files: Map<string, string>): string[] {
  return [...files]
    .filter(([file, text]) => text !== readPage(file))
    .map(([file]) => file)
    .sort();
}

describe("generated files (npm run generate)", function () {
  this.timeout(60_000);

  it("are what schema/schema.json generates: none is stale", async () => {
    const stale = [...(await staleFiles()).keys()];
    assert.deepEqual(stale, [], `stale (run \`npm run generate\`): ${stale.join(", ")}`);
  });

  describe("in a checkout where someone edited generated files by hand", () => {
    const scratch = withScratchDir("certplane-generated-");

    it("names each edited file, and only those", async () => {
      for (const dir of ["schema", "sdk", "docs"])
        fs.cpSync(path.join(REPO_ROOT, dir), scratch.file(dir), { recursive: true });
      for (const file of [".prettierrc.json", "package.json"])
        fs.copyFileSync(path.join(REPO_ROOT, file), scratch.file(file));
      fs.appendFileSync(scratch.file("sdk/pca/connection.ts"), "// a hand edit\n");
      const page = scratch.file("docs/oraclesbc/certificateImport.md");
      fs.writeFileSync(
        page,
        fs.readFileSync(page, "utf8").replace("| `recordName` |", "| `record` |"),
      );
      assert.deepEqual(
        [...(await staleFiles(scratch.dir)).keys()],
        ["sdk/pca/connection.ts", "docs/oraclesbc/certificateImport.md"],
      );
    });
  });

  it("carry a new secret input everywhere: Args, props, secret outputs, docs", async () => {
    const schema = readSchema();
    const resource = schema.resources["certplane:pca:SignedCertificate"];
    const passphrase = {
      type: "string" as const,
      description: "Passphrase of the key store.",
      secret: true,
    };
    resource.inputProperties.keyStorePassphrase = passphrase;
    resource.properties.keyStorePassphrase = passphrase;
    const files = await generateFiles(schema, readPage);

    const file = "sdk/pca/signedCertificate.ts";
    assert.deepEqual(lineChanges(readPage(file), files.get(file) as string), {
      added: [
        "  /** Passphrase of the key store. Secret. */",
        "  keyStorePassphrase?: pulumi.Input<string>;",
        "  /** Passphrase of the key store. Secret. */",
        "  declare public readonly keyStorePassphrase: pulumi.Output<string | undefined>;",
        "        keyStorePassphrase: secretInput(args.keyStorePassphrase),",
        // The first secret output (privateKeyPem is a secret input only since issue 28).
        '      pulumi.mergeOptions(refuseImport(opts, "PcaSignedCertificate", name), {',
        '        additionalSecretOutputs: ["keyStorePassphrase"],',
        "      }),",
      ],
      removed: ['      refuseImport(opts, "PcaSignedCertificate", name),'],
    });

    const page = "docs/pca/signedCertificate.md";
    assert.deepEqual(lineChanges(readPage(page), files.get(page) as string), {
      added: [
        "| `keyStorePassphrase` | `string` | — | Passphrase of the key store. **Secret.** |",
        "| `keyStorePassphrase` | `string \\| undefined` | Passphrase of the key store. **Secret.** |",
      ],
      removed: [],
    });

    assert.deepEqual(changedFiles(files), [page, "schema/schema.json", file]);
  });

  it("carry a new secret connection field into the interface, secret list, config and docs", async () => {
    const schema = readSchema();
    const connection = schema.types["certplane:pca:Connection"];
    (connection.properties ?? {}).clientKeyPassphrase = {
      type: "string",
      description: "Passphrase of the client key.",
      secret: true,
    };
    const files = await generateFiles(schema, readPage);

    const file = "sdk/pca/connection.ts";
    assert.deepEqual(lineChanges(readPage(file), files.get(file) as string), {
      added: [
        "  /** Passphrase of the client key. Secret. */",
        "  clientKeyPassphrase?: pulumi.Input<string>;",
        'export const PCA_SECRET_FIELDS = ["token", "clientKeyPassphrase"] as const;',
      ],
      removed: ['export const PCA_SECRET_FIELDS = ["token"] as const;'],
    });

    const config = JSON.parse(files.get("schema/schema.json") as string);
    const expected = {
      type: "string",
      description:
        "Passphrase of the client key. For `PcaConnectionArgs.clientKeyPassphrase` when a resource's " +
        "`connection` does not set it (environment `CERTPLANE_PCA_CLIENT_KEY_PASSPHRASE` is read after this).",
      secret: true,
    };
    assert.deepEqual(config.config.variables.pcaClientKeyPassphrase, expected);
    assert.deepEqual(config.provider.inputProperties.pcaClientKeyPassphrase, expected);

    const row =
      "| `clientKeyPassphrase` | `string` | — | `certplane:pcaClientKeyPassphrase` | " +
      "`CERTPLANE_PCA_CLIENT_KEY_PASSPHRASE` | Passphrase of the client key. **Secret.** |";
    const page = "docs/pca/signedCertificate.md";
    assert.deepEqual(lineChanges(readPage(page), files.get(page) as string), {
      added: [row],
      removed: [],
    });
    assert.deepEqual(changedFiles(files), [page, "schema/schema.json", file]);
  });
  it("carry a new derived output: declared and made after super, never registered, noted in the docs", async () => {
    const schema = readSchema();
    const resource = schema.resources["certplane:pca:SignedCertificate"];
    resource.properties.chainFirstPem = {
      type: "string",
      description: "The chain, then the certificate.",
      language: { certplane: { concatenationOf: ["chainPem", "certificatePem"] } },
    };
    const files = await generateFiles(schema, readPage);

    const file = "sdk/pca/signedCertificate.ts";
    const note =
      "Not stored by the TypeScript classes, which make it from `chainPem` + `certificatePem` when read; the native plugin stores it.";
    const { added, removed } = lineChanges(readPage(file), files.get(file) as string);
    assert.deepEqual(removed, []);
    assert.equal(
      added.at(-1),
      "    this.chainFirstPem = concatenation(this.chainPem, this.certificatePem);",
    );
    assert.ok(
      added.includes("  declare public readonly chainFirstPem: pulumi.Output<string | undefined>;"),
    );
    assert.equal(
      added.some((line) => line.includes("chainFirstPem: undefined")),
      false,
    );
    assert.match(added.join(" ").replace(/\s+\*\s+/g, " "), new RegExp(escape(note)));

    const page = "docs/pca/signedCertificate.md";
    assert.deepEqual(lineChanges(readPage(page), files.get(page) as string).added, [
      `| \`chainFirstPem\` | \`string \\| undefined\` | The chain, then the certificate. ${note} |`,
    ]);
  });

  it("refuse a derived output made from a missing output, or left plain when a part is secret", () => {
    const resource = readSchema().resources["certplane:pca:SignedCertificate"];
    const derived = (parts: string[], secret?: boolean) => ({
      ...resource,
      properties: {
        ...resource.properties,
        keyPem: { type: "string" as const, secret: true },
        bundle: {
          type: "string" as const,
          secret,
          language: { certplane: { concatenationOf: parts } },
        },
      },
    });
    assert.throws(
      () => derivedOutputs(derived(["certificatePem", "nope"])),
      /output bundle is made from nope, which is not a stored output/,
    );
    assert.throws(
      () => derivedOutputs(derived(["certificatePem", "fullChainPem"])),
      /output bundle is made from fullChainPem, which is not a stored output/,
    );
    assert.throws(
      () => derivedOutputs(derived(["certificatePem", "keyPem"])),
      /output bundle is made from the secret keyPem, so it must be secret/,
    );
    assert.deepEqual(
      derivedOutputs(derived(["certificatePem", "keyPem"], true)).find(
        ([name]) => name === "bundle",
      ),
      ["bundle", ["certificatePem", "keyPem"]],
    );
  });
});
