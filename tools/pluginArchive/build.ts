/**
 * Builds the plugin archive for `pulumi plugin install resource certplane <version> --file <archive>`:
 * a gzipped tar holding
 * - `pulumi-resource-certplane`: the executable the engine runs (a shell script: `node` on PATH
 *   runs the bundle next to it);
 * - `pulumi-resource-certplane.js`: dist/provider/plugin/main.js bundled by esbuild with everything
 *   it loads (the hooks, the schema, `@pulumi/pulumi`'s provider server, axios, …), so the plugin
 *   folder needs no node_modules (but for keys in a PKCS#11 token: graphene-pk11 and its native
 *   addon stay outside the bundle, docs/keys-in-hsm.md);
 * - `package.json`: the package's name and version (GetPluginInfo and GetSchema read them).
 *
 * Usage: `npm run build && tsx tools/pluginArchive/build.ts [output folder]` (default .tmp/plugin);
 * prints the archive's path.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { REPO_ROOT } from "../devkit/packageLink";

const PLUGIN = "pulumi-resource-certplane";
const ENTRY = path.join(REPO_ROOT, "dist", "provider", "plugin", "main.js");

/**
 * Bundles one `@grpc/grpc-js`: the copy `@pulumi/pulumi`'s server loads, which is the one the plugin
 * must patch (provider/plugin/serverGrpc.ts finds it by resolving from the server's file, which a
 * bundle cannot do at run time).
 */
const oneGrpc: esbuild.Plugin = {
  name: "server-grpc",
  setup(build) {
    build.onLoad({ filter: /[\\/]provider[\\/]plugin[\\/]serverGrpc\.js$/ }, () => ({
      contents: 'module.exports = require("@grpc/grpc-js");',
      resolveDir: path.dirname(require.resolve("@pulumi/pulumi/provider/server")),
      loader: "js",
    }));
  },
};

async function main(outDir: string): Promise<string> {
  if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    license?: string;
  };
  const staging = fs.mkdtempSync(path.join(outDir, "staging-"));
  try {
    await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      outfile: path.join(staging, `${PLUGIN}.js`),
      plugins: [oneGrpc],
      // The PKCS#11 path's native addon (pkcs11js, under graphene-pk11) cannot be bundled: it is
      // loaded at run time, only for a key in a token, from wherever Node finds it (docs/keys-in-hsm.md).
      external: ["graphene-pk11"],
      logLevel: "error",
    });
    const launcher = `#!/bin/sh\nexec node "$(dirname "$0")/${PLUGIN}.js" "$@"\n`;
    fs.writeFileSync(path.join(staging, PLUGIN), launcher, { mode: 0o755 });
    const identity = { name: pkg.name, version: pkg.version, license: pkg.license, private: true };
    fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify(identity, null, 2) + "\n");
    const archive = path.join(outDir, `${PLUGIN}-v${pkg.version}.tar.gz`);
    const tar = spawnSync("tar", ["-czf", archive, "-C", staging, "."], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr || tar.error?.message}`);
    return archive;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

const outDir = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, ".tmp", "plugin"));
fs.mkdirSync(outDir, { recursive: true });
main(outDir).then(
  (archive) => console.log(archive),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
