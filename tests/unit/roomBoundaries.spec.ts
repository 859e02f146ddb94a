// The import boundaries between rooms (eslint.config.mjs) hold: each deliberate violation below is
// reported by the repository's own lint config, and the matching allowed import is not.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const REPO_ROOT = path.resolve(__dirname, "../..");

interface Case {
  file: string;
  source: string;
  /** A fragment of the boundary message expected, or undefined when the import is allowed. */
  refused?: string;
}

const CASES: Case[] = [
  { file: "provider/core/x.ts", source: 'import "../../sdk/index";', refused: "provider/ never" },
  { file: "provider/pca/x.ts", source: 'import "../../simulator";', refused: "provider/ never" },
  { file: "provider/pca/x.ts", source: 'import "../../testing/index";', refused: "provider/" },
  { file: "provider/pca/x.ts", source: 'import "pulumi-certplane/testing";', refused: "provider/" },
  { file: "provider/pca/x.ts", source: 'import "../core/errors";' },
  {
    file: "simulator/pca/x.ts",
    source: 'import "../../provider/core/x509";',
    refused: "simulator/",
  },
  { file: "simulator/pca/x.ts", source: 'import "../../sdk";', refused: "simulator/ never" },
  { file: "simulator/pca/x.ts", source: 'import "../core/simulator";' },
  { file: "sdk/pca/x.ts", source: 'import "../../provider/pca/client";', refused: "sdk/ reaches" },
  { file: "sdk/pca/x.ts", source: 'import "../shim";' },
  { file: "testing/x.ts", source: 'import "../../provider/core/x509";', refused: "runner" },
  { file: "testing/x.ts", source: 'import "../../simulator";', refused: "runner" },
  { file: "testing/x.ts", source: 'import "./types";' },
];

describe("room boundaries (eslint.config.mjs)", function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPO_ROOT });

  for (const c of CASES) {
    const verdict = c.refused ? "refuses" : "allows";
    it(`${verdict} ${c.source} in ${c.file}`, async () => {
      const [result] = await eslint.lintText(c.source, { filePath: path.join(REPO_ROOT, c.file) });
      const boundary = result.messages.filter((m) => m.ruleId === "no-restricted-imports");
      if (c.refused) {
        assert.ok(boundary.length > 0, JSON.stringify(result.messages));
        for (const m of boundary) assert.ok(m.message.includes(c.refused), m.message);
      } else {
        assert.deepEqual(boundary, []);
      }
    });
  }
});
