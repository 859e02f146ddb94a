/**
 * Encryption of secret values at rest, in the spirit of Pulumi's passphrase secrets provider: one
 * random AES-256 key per state folder (a key file readable only by its owner), AES-256-GCM per
 * value with a fresh nonce, so the state file never holds a secret in plain text and tampering is
 * detected on decryption.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** File name of the key inside the state folder. */
export const KEY_FILE_NAME = "secrets.key";
const FORMAT = "v1";

/** Encrypts and decrypts strings with the key of one state folder. */
export class SecretsCipher {
  private constructor(private readonly key: Buffer) {}

  /** Loads the key of `stateDir`, creating it (mode 0600) on first use. */
  static forStateDir(stateDir: string): SecretsCipher {
    fs.mkdirSync(stateDir, { recursive: true });
    const keyFile = path.join(stateDir, KEY_FILE_NAME);
    try {
      // "wx" makes two runners starting together agree on one key: the loser reads the winner's.
      fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("hex"), {
        flag: "wx",
        mode: 0o600,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const key = Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "hex");
    if (key.length !== 32) {
      throw new Error(
        `The secrets key file ${keyFile} is damaged (expected 64 hex characters). Restore it, or ` +
          `delete the whole state folder to start from an empty state.`,
      );
    }
    return new SecretsCipher(key);
  }

  /** Returns `v1:<nonce>:<tag>:<ciphertext>`, all base64. */
  encrypt(plaintext: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, nonce);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const parts = [nonce, cipher.getAuthTag(), body].map((part) => part.toString("base64"));
    return [FORMAT, ...parts].join(":");
  }

  /** Reverses {@link SecretsCipher.encrypt}; throws when the text was not made with this key. */
  decrypt(ciphertext: string): string {
    const [format, nonce, tag, body] = ciphertext.split(":");
    if (format !== FORMAT || body === undefined) {
      throw new Error(`Unsupported secret ciphertext format "${format}" in the state file.`);
    }
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]);
    return plain.toString("utf8");
  }
}
