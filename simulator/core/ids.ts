// Random identifiers and secrets. Kept together so every vendor mints tokens the same way.
import { createHash, randomBytes } from "node:crypto";

/**
 * Returns an unguessable base64url secret (for bearer tokens and PATs).
 * @param bytes - entropy in bytes
 * @defaultValue 32
 */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * Returns a positive, 16-byte hexadecimal certificate serial number (lower case, no separators),
 * as RFC 5280 asks: positive, at most 20 octets, unpredictable.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  // Clear the sign bit (positive INTEGER) and set a low bit so the DER encoding keeps all 16 bytes.
  bytes[0] = (bytes[0] & 0x7f) | 0x10;
  return bytes.toString("hex");
}

/**
 * SHA-256 of a secret, hex encoded: what the simulator stores instead of a secret it only shows once.
 * @param secret - the secret text
 */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
