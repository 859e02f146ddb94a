// @ts-check
/**
 * The certplane policy pack: every rule of `pulumi-certplane/policy` at its default level and
 * options (docs/policy.md lists them; `--policy-pack-config` changes any of them).
 *
 * Plain JavaScript, type-checked from its JSDoc: a pack runs wherever `pulumi preview` runs it —
 * the Node.js language host, or ./run-policy-pack with nothing but Node — and either loads
 * `index.js` as it is. A TypeScript pack would be compiled at every preview by ts-node (which the
 * pack would have to install), or by a build step a user's copy would have to repeat.
 */
const path = require("node:path");
const { PolicyPack } = require("@pulumi/policy");

/**
 * The rules: the installed `pulumi-certplane` (a user's copy of this folder, with its package.json),
 * else, inside the certplane repository itself, its build (`npm run build` writes dist/policy/rules),
 * so the pack runs from a clone without a second install.
 *
 * @returns {typeof import("pulumi-certplane/policy")}
 */
function loadRules() {
  try {
    return require("pulumi-certplane/policy");
  } catch (error) {
    if (!isMissing(error, "pulumi-certplane")) throw error;
  }
  const repository = path.join(__dirname, "..");
  /** @type {{ name?: string }} */
  const manifest = require(path.join(repository, "package.json"));
  if (manifest.name !== "pulumi-certplane") {
    throw new Error(`pulumi-certplane is not installed: run \`npm install\` in ${__dirname}`);
  }
  try {
    return require(path.join(repository, "dist", "policy", "rules"));
  } catch (error) {
    if (!isMissing(error, "dist")) throw error;
    throw new Error(`${repository}/dist/policy/rules is not built: run \`npm run build\` there`);
  }
}

/**
 * Whether `error` says that `what` could not be found (and not something it requires).
 *
 * @param {unknown} error
 * @param {string} what
 */
function isMissing(error, what) {
  return (
    error instanceof Error &&
    "code" in error &&
    error.code === "MODULE_NOT_FOUND" &&
    error.message.split("\n")[0].includes(what)
  );
}

new PolicyPack("certplane", { policies: loadRules().certplanePolicies() });
