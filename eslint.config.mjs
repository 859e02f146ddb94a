// Lint config: typescript-eslint's recommended rules over every TypeScript room of the repo.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", ".tmp/**", "coverage/**", "examples/*/node_modules/**"],
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
);
