/**
 * The report bench's input: 50 stack exports × 200 credentials (10,000 rows), each resource a copy
 * of one the report specs recorded from real stacks (tests/report/fixtures/exports: both doors, every
 * credential type, each dynamic resource with its real `__provider` text, keys and SBC records that
 * make no row), renamed and with its expiry moved so rows spread over a year.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const EXPORTS_DIR = path.join(__dirname, "..", "tests", "report", "fixtures", "exports");
const DAY_MS = 86_400_000;

/** What a generated fleet is. */
export interface GeneratedFleet {
  files: string[];
  /** Credential rows in all the files (what the report must list). */
  rows: number;
  /** All resources in all the files (keys, records, providers, stacks too). */
  resources: number;
  bytes: number;
}

type Resource = {
  urn: string;
  type: string;
  outputs?: Record<string, unknown>;
  [k: string]: unknown;
};
const EXPIRY_OUTPUTS = ["notAfter", "validTo", "expirationDate", "validityEndTime"];

/** Writes `stacks` exports of `perStack` credentials into `dir`. */
export function generateFleet(dir: string, stacks: number, perStack: number): GeneratedFleet {
  fs.mkdirSync(dir, { recursive: true });
  const recorded = fs
    .readdirSync(EXPORTS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(EXPORTS_DIR, f), "utf8")));
  const all: Resource[] = recorded.flatMap((e) => e.deployment.resources as Resource[]);
  const credentials = all.filter(
    (r) =>
      /(certplane:|dynamic\/certplane:)/.test(r.type) &&
      EXPIRY_OUTPUTS.some((n) => typeof r.outputs?.[n] === "string"),
  );
  const others = all.filter((r) => /certplane:/.test(r.type) && !credentials.includes(r));
  const files: string[] = [];
  let resources = 0;
  let bytes = 0;
  for (let s = 0; s < stacks; s++) {
    const stack = `stack-${s}`;
    const out: Resource[] = [];
    for (let i = 0; i < perStack; i++) {
      const source = credentials[i % credentials.length];
      const shift = ((s * perStack + i) % 365) * DAY_MS;
      const outputs = { ...source.outputs };
      for (const name of EXPIRY_OUTPUTS) {
        if (typeof outputs[name] === "string") {
          outputs[name] = new Date(Date.parse(outputs[name] as string) + shift)
            .toISOString()
            .replace(".000Z", "Z");
        }
      }
      const type = source.urn.split("::")[2];
      out.push({ ...source, urn: `urn:pulumi:${stack}::fleet::${type}::cert-${i}`, outputs });
      // A key or record beside every fourth credential, as real stacks have them.
      if (i % 4 === 0) {
        const other = others[i % others.length];
        out.push({
          ...other,
          urn: `urn:pulumi:${stack}::fleet::${other.urn.split("::")[2]}::other-${i}`,
        });
      }
    }
    const text = JSON.stringify(
      { version: 3, deployment: { ...recorded[0].deployment, resources: out } },
      null,
      4,
    );
    const file = path.join(dir, `${stack}.json`);
    fs.writeFileSync(file, text);
    files.push(file);
    resources += out.length;
    bytes += text.length;
  }
  return { files, rows: stacks * perStack, resources, bytes };
}
