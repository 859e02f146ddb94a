/**
 * The bookkeeping of the secret-scan suite: a catalog of secret values (each with a name that is
 * safe to print), a corpus of texts a user or a CI log could see (each with where it came from),
 * and the scan that crosses them. Findings name the secret and the place, never the value, so a
 * failing run does not itself leak what it found.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The shortest value worth scanning for: shorter strings ("admin", "true") occur by chance in
 * ordinary text and would make the scan report noise instead of leaks.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * PEM body lines shorter than this (the last line of a block) are skipped: a short tail of base64
 * can occur by chance, and every full line of the same key is scanned anyway.
 */
export const MIN_PEM_LINE_LENGTH = 40;

/** Width of the slices a long single-line secret (a base64 PKCS#12 bundle) is scanned in. */
export const BLOB_SLICE_LENGTH = 64;

/** One place a secret was seen. */
export interface Finding {
  /** The secret's name (never its value). */
  secret: string;
  /** Where it appeared. */
  where: string;
}

/**
 * Bytes that are public by nature: certificates, CSRs, public keys (given, or derived from each
 * private key), OpenSSH public keys and certificates. A private key's encoding embeds its public
 * key (an RSA PKCS#8 body carries the modulus, an OpenSSH key its public blob, a PKCS#12 bundle its
 * certificate), so a piece of a secret made only of public bytes shows up, correctly, next to the
 * public key: it is not a secret and is not scanned for.
 */
export class PublicMaterial {
  private readonly blobs: Buffer[] = [];

  /** Collects the public blocks and OpenSSH blobs found in a text that is not secret. */
  addText(text: string): void {
    const unescaped = text.replace(/\\n/g, "\n");
    const pem = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
    for (const match of unescaped.matchAll(pem)) {
      if (!match[1].includes("PRIVATE")) this.blobs.push(Buffer.from(match[2], "base64"));
    }
    const ssh = /\b(?:ssh|ecdsa-sha2)-[a-z0-9@.-]+ ([A-Za-z0-9+/]{40,}={0,2})/g;
    for (const match of unescaped.matchAll(ssh)) this.blobs.push(Buffer.from(match[1], "base64"));
  }

  /** Adds the public key of a private key PEM (SPKI DER), when Node can read the key. */
  addPublicKeyOf(privateKeyPem: string): void {
    try {
      const publicKey = crypto.createPublicKey(privateKeyPem.replace(/\\n/g, "\n"));
      this.blobs.push(publicKey.export({ type: "spki", format: "der" }));
    } catch {
      // An OpenSSH private key or an unknown format: its public blob comes through addText.
    }
  }

  /** True when `bytes` occur inside a public blob. */
  covers(bytes: Buffer): boolean {
    return bytes.length > 0 && this.blobs.some((blob) => blob.includes(bytes));
  }
}

/**
 * The bytes of `decoded` that base64 characters `[start, end)` of its encoding fully determine
 * (4 characters encode 3 bytes, so a line starting or ending inside a group — OpenSSH keys wrap at
 * 70 — determines only the groups inside it).
 */
function innerBytes(decoded: Buffer, start: number, end: number): Buffer {
  return decoded.subarray(Math.ceil(start / 4) * 3, Math.floor(end / 4) * 3);
}

/** Named secret values; a value registered twice keeps its first name. */
export class SecretCatalog {
  private readonly names = new Map<string, string>();
  /** Pieces left out because they are made only of public bytes. */
  publicPieces = 0;

  /** @param publicMaterial - what is public anyway (see {@link PublicMaterial}) */
  constructor(private readonly publicMaterial = new PublicMaterial()) {}

  /** Number of distinct values to scan for. */
  get size(): number {
    return this.names.size;
  }

  /** Every value with its name. */
  entries(): [value: string, name: string][] {
    return [...this.names];
  }

  /** The names of the values registered so far, for coverage assertions. */
  nameList(): string[] {
    return [...this.names.values()];
  }

  /**
   * Registers any secret: a PEM by its body lines, a long one-line blob by slices, anything else
   * whole. A redactor or serializer may reflow a PEM or cut a blob, so the whole value would miss
   * a leak that the pieces catch.
   */
  add(name: string, value: string): void {
    if (value.includes("-----BEGIN ")) this.addPem(name, value);
    else if (value.length > 4 * BLOB_SLICE_LENGTH && !/\s/.test(value)) this.addBlob(name, value);
    else this.addWhole(name, value);
  }

  /** Registers a value as is (ignored when shorter than {@link MIN_SECRET_LENGTH}). */
  addWhole(name: string, value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.names.has(value)) return;
    this.names.set(value, name);
  }

  /**
   * Registers each base64 body line of a PEM (real or `\n`-escaped line breaks) of at least
   * {@link MIN_PEM_LINE_LENGTH} characters, unless it encodes only public bytes.
   */
  addPem(name: string, pem: string): void {
    const lines = pem
      .replace(/\\n/g, "\n")
      .split(/\r?\n/)
      .map((line) => line.trim())
      // Armour lines and PEM headers ("Proc-Type: …") are not base64.
      .filter((line) => line !== "" && !line.startsWith("-----") && !line.includes(":"));
    const decoded = Buffer.from(lines.join(""), "base64");
    let offset = 0;
    lines.forEach((line, index) => {
      const start = offset;
      offset += line.length;
      if (line.length < MIN_PEM_LINE_LENGTH) return;
      if (this.publicMaterial.covers(innerBytes(decoded, start, offset))) {
        this.publicPieces += 1;
        return;
      }
      this.addWhole(`${name} (body line ${index + 1})`, line);
    });
  }

  /** Registers consecutive {@link BLOB_SLICE_LENGTH}-character slices of a one-line base64 blob. */
  addBlob(name: string, blob: string): void {
    const decoded = Buffer.from(blob, "base64");
    const slices = Math.floor(blob.length / BLOB_SLICE_LENGTH);
    for (let index = 0; index < slices; index += 1) {
      const start = index * BLOB_SLICE_LENGTH;
      const end = start + BLOB_SLICE_LENGTH;
      if (this.publicMaterial.covers(innerBytes(decoded, start, end))) {
        this.publicPieces += 1;
        continue;
      }
      this.addWhole(`${name} (slice ${index + 1})`, blob.slice(start, end));
    }
  }
}

/** Texts to scan, each with where it came from; identical texts are scanned once. */
export class TextCorpus {
  private readonly texts: { where: string; text: string }[] = [];
  private readonly seen = new Set<string>();
  /** Every place offered a text, duplicates included (to assert each kind of place was seen). */
  private readonly places: string[] = [];
  private byteCount = 0;

  /** Number of distinct texts. */
  get count(): number {
    return this.texts.length;
  }

  /** Their total size in UTF-8 bytes. */
  get bytes(): number {
    return this.byteCount;
  }

  /** Adds a text (empty ones are skipped; one already collected is counted, not stored again). */
  add(where: string, text: string | undefined): void {
    if (!text) return;
    this.places.push(where);
    // The same state file, __provider or log line is offered after many runs, and by both
    // result.logs and onEvent: one copy, under the first place, is enough to scan.
    const digest = crypto.createHash("sha256").update(text).digest("hex");
    if (this.seen.has(digest)) return;
    this.seen.add(digest);
    this.texts.push({ where, text });
    this.byteCount += Buffer.byteLength(text);
  }

  /** How many texts were offered from places whose name mentions `part`. */
  countWhere(part: string): number {
    return this.places.filter((where) => where.includes(part)).length;
  }

  /** Every occurrence of every catalogued value, one finding per (secret, place). */
  scan(catalog: SecretCatalog): Finding[] {
    const findings: Finding[] = [];
    const secrets = catalog.entries();
    for (const { where, text } of this.texts) {
      for (const [value, name] of secrets) {
        if (text.includes(value)) findings.push({ secret: name, where });
      }
    }
    return findings;
  }
}

/**
 * Adds every file under `dir` as text (state files, the secrets key, anything the runner writes):
 * a secret must be ciphertext there. Bounded by `maxFiles` so a runaway folder cannot stall the
 * suite.
 */
export function addFolder(corpus: TextCorpus, label: string, dir: string, maxFiles = 500): number {
  const files: string[] = [];
  const pending = [dir];
  for (let step = 0; step < maxFiles && pending.length > 0; step += 1) {
    const current = pending.pop() as string;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) files.push(full);
    }
  }
  for (const file of files.slice(0, maxFiles)) {
    corpus.add(`${label}: ${path.relative(dir, file)}`, fs.readFileSync(file, "utf8"));
  }
  return files.length;
}

/**
 * Every string inside a JSON-like value, with its dotted path: secret outputs may be nested (a
 * connection object), and each string is registered on its own.
 */
export function stringsIn(value: unknown, prefix: string, depth = 0): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  // State values are JSON documents a few levels deep; the bound only guards against a cycle.
  if (depth > 16 || value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value)
    ? value.map((item, index): [string, unknown] => [String(index), item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => stringsIn(item, `${prefix}.${key}`, depth + 1));
}

/** Groups findings into the lines of a failure message: "  - <secret>: <place>; <place>". */
export function describeFindings(findings: readonly Finding[]): string {
  const bySecret = new Map<string, string[]>();
  for (const finding of findings) {
    const places = bySecret.get(finding.secret) ?? [];
    places.push(finding.where);
    bySecret.set(finding.secret, places);
  }
  return [...bySecret].map(([secret, places]) => `  - ${secret}: ${places.join("; ")}`).join("\n");
}
