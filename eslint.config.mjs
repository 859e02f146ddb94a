// Lint config: typescript-eslint's recommended rules over every TypeScript room of the repo, and the
// import boundaries between rooms (DESIGN.md, "Layout"): a room may only reach what it is allowed to.
import tseslint from "typescript-eslint";

/**
 * `no-restricted-imports` for one room: every import whose path passes through one of `rooms` fails,
 * naming the rule it breaks. Patterns are gitignore-style, so `**\/sdk` matches `../sdk` and
 * `../../sdk/pca/index` alike.
 */
function forbidRooms(rooms, why) {
  return {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: rooms.flatMap((room) => [`**/${room}`, `**/${room}/**`]),
            message: why,
          },
          {
            group: ["pulumi-certplane", "pulumi-certplane/**"],
            message: `${why} (nor through the package's own name)`,
          },
        ],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      ".tmp/**",
      "coverage/**",
      "examples/*/node_modules/**",
      "policy/node_modules/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The shims must call require() at run time: that is the serialization rule (DESIGN.md).
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The schema's one shared reader (recognizeResource.ts) is imported by report/ and policy/, so
    // it may import nothing but the schema itself.
    files: ["schema/**/*.ts"],
    rules: forbidRooms(
      [
        "provider",
        "sdk",
        "testing",
        "simulator",
        "report",
        "policy",
        "demo",
        "tests",
        "bench",
        "tools",
      ],
      "schema/ imports nothing but schema.json: report/ and policy/ share it (DESIGN.md, Layout)",
    ),
  },
  {
    // The hooks run inside a provider process: no Pulumi program code, no test tool, no simulator.
    files: ["provider/**/*.ts"],
    rules: forbidRooms(
      ["sdk", "testing", "simulator", "report", "policy", "demo", "tests", "bench", "tools"],
      "provider/ never imports sdk/, testing/, simulator/ or repository scripts (DESIGN.md, Layout)",
    ),
  },
  {
    // The simulator is the other side of the wire, written from the seeds: it shares no code with
    // the provider, so a misreading of a seed cannot hide on both sides at once.
    files: ["simulator/**/*.ts"],
    rules: forbidRooms(
      ["provider", "sdk", "testing", "demo", "tests", "bench", "tools"],
      "simulator/ never imports provider/ or sdk/ (DESIGN.md, Layout)",
    ),
  },
  {
    // The SDK reaches the hooks only through the serialized shim's package-specifier require.
    files: ["sdk/**/*.ts"],
    rules: forbidRooms(
      ["provider", "simulator", "testing", "demo", "tests", "bench", "tools"],
      "sdk/ reaches provider/ only through the shim (DESIGN.md, The serialization rule)",
    ),
  },
  {
    // The lifecycle runner works with any dynamic provider: it knows nothing of certplane's own.
    files: ["testing/**/*.ts"],
    rules: forbidRooms(
      ["provider", "simulator", "demo", "tests", "bench", "tools"],
      "the lifecycle runner never imports provider/ or simulator/ (DESIGN.md, Layout)",
    ),
  },
  {
    files: ["report/**/*.ts"],
    rules: forbidRooms(
      ["sdk", "testing", "simulator", "policy", "demo", "tests", "bench", "tools"],
      "report/ reads the schema and provider/core's helpers, never a vendor client, the sdk or the simulator (DESIGN.md, Layout)",
    ),
  },
  {
    files: ["policy/rules/**/*.ts"],
    rules: forbidRooms(
      ["provider", "testing", "simulator", "report", "demo", "tests", "bench", "tools"],
      "policy/ rules read the schema's properties, never the provider's hooks (DESIGN.md, Layout)",
    ),
  },
);
