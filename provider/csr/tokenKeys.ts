/**
 * Key pairs inside a PKCS#11 token: generated with certplane's own template (token object,
 * sensitive, non-extractable, sign only — never a library's defaults), found again by label and id,
 * read back as a public key, used to sign, and destroyed. The private key's value is never asked
 * for: nothing here can hold it.
 */
import { createHash, createPublicKey, randomBytes, type KeyObject } from "node:crypto";
import type * as graphene from "graphene-pk11";
import { CertplaneError } from "../core/errors";
import type { EcdsaCurve, KeyDescription } from "../core/keys";
import type { TokenSession } from "./tokenSession";

/** The key kinds certplane makes in a token. */
export const TOKEN_RSA_BITS = [2048, 3072, 4096] as const;
export const TOKEN_ECDSA_CURVES = ["P256", "P384"] as const satisfies readonly EcdsaCurve[];

/**
 * Each curve as the token and JWK name it: the DER of its OID (CKA_EC_PARAMS, hex), its JWK `crv`,
 * and the byte length of a coordinate.
 */
const TOKEN_CURVES: Record<
  (typeof TOKEN_ECDSA_CURVES)[number],
  { params: string; crv: string; size: number }
> = {
  P256: { params: "06082a8648ce3d030107", crv: "P-256", size: 32 },
  P384: { params: "06052b81040022", crv: "P-384", size: 48 },
};

/** A key pair in the token. */
export interface TokenKey {
  privateKey: graphene.PrivateKey;
  publicKey: KeyObject;
  /** CKA_LABEL of the pair. */
  label: string;
  /** CKA_ID of the pair, lower-case hex. */
  idHex: string;
}

/**
 * Generates a key pair of kind `desc` in the token, labelled `<keyLabel>-<8 hex of its id>` with a
 * random 16-byte CKA_ID, so every generation is a distinct object (a replacement makes the new key
 * while the old one still exists).
 */
export function generateTokenKey(
  token: TokenSession,
  desc: KeyDescription,
  keyLabel: string,
): TokenKey {
  const { graphene: lib, session } = token;
  const id = randomBytes(16);
  const idHex = id.toString("hex");
  const label = `${keyLabel}-${idHex.slice(0, 8)}`;
  const common = { token: true, label, id };
  const privateTemplate = {
    ...common,
    class: lib.ObjectClass.PRIVATE_KEY,
    private: true,
    sensitive: true,
    extractable: false,
    sign: true,
    decrypt: false,
    derive: false,
    unwrap: false,
  };
  const publicTemplate = {
    ...common,
    class: lib.ObjectClass.PUBLIC_KEY,
    private: false,
    verify: true,
  };
  const pair =
    desc.algorithm === "RSA"
      ? session.generateKeyPair(
          lib.KeyGenMechanism.RSA,
          {
            ...publicTemplate,
            keyType: lib.KeyType.RSA,
            modulusBits: desc.rsaBits ?? 2048,
            publicExponent: Buffer.from([1, 0, 1]),
          },
          { ...privateTemplate, keyType: lib.KeyType.RSA },
        )
      : session.generateKeyPair(
          lib.KeyGenMechanism.EC,
          {
            ...publicTemplate,
            keyType: lib.KeyType.EC,
            paramsEC: Buffer.from(TOKEN_CURVES[tokenCurve(desc)].params, "hex"),
          },
          { ...privateTemplate, keyType: lib.KeyType.EC },
        );
  return {
    privateKey: pair.privateKey,
    publicKey: publicKeyOf(desc, pair.publicKey),
    label,
    idHex,
  };
}

function tokenCurve(desc: KeyDescription): (typeof TOKEN_ECDSA_CURVES)[number] {
  const curve = desc.ecdsaCurve ?? "P256";
  if (curve !== "P256" && curve !== "P384")
    throw new CertplaneError(`ECDSA curve ${curve} is not made in a token; use P256 or P384.`);
  return curve;
}

/** The private key object with CKA_LABEL `label` and CKA_ID `idHex`, if the token holds it. */
export function findPrivateKey(
  token: TokenSession,
  label: string,
  idHex: string,
): graphene.PrivateKey | undefined {
  const { graphene: lib, session } = token;
  const found = session.find({
    class: lib.ObjectClass.PRIVATE_KEY,
    label,
    id: Buffer.from(idHex, "hex"),
  });
  return found.length > 0 ? found.items(0).toType<graphene.PrivateKey>() : undefined;
}

/**
 * Destroys the key pair with CKA_LABEL `label` and CKA_ID `idHex` (private and public objects);
 * returns how many objects were destroyed (0 when the token no longer holds it).
 */
export function destroyKeyPair(token: TokenSession, label: string, idHex: string): number {
  const { graphene: lib, session } = token;
  let destroyed = 0;
  for (const objectClass of [lib.ObjectClass.PRIVATE_KEY, lib.ObjectClass.PUBLIC_KEY]) {
    const found = session.find({ class: objectClass, label, id: Buffer.from(idHex, "hex") });
    for (let i = 0; i < found.length; i++) {
      found.items(i).destroy();
      destroyed += 1;
    }
  }
  return destroyed;
}

/**
 * The key pair labelled exactly `keyLabel` that the user put in the token (bring your own key):
 * exactly one private key must carry the label, and its public half is its public key object with
 * the same CKA_ID (or, for RSA, the private key's public attributes).
 */
export function existingTokenKey(
  token: TokenSession,
  keyLabel: string,
  tokenLabel: string,
): TokenKey {
  const { graphene: lib, session } = token;
  const found = session.find({ class: lib.ObjectClass.PRIVATE_KEY, label: keyLabel });
  if (found.length !== 1) {
    throw new CertplaneError(
      `pkcs11.existingKey is true, but token "${tokenLabel}" holds ${found.length} private keys ` +
        `labelled "${keyLabel}" (pkcs11.keyLabel); exactly one is needed. Check the label ` +
        "(`pkcs11-tool --login --list-objects --type privkey`), or remove existingKey to have a key " +
        "generated.",
    );
  }
  const privateKey = found.items(0).toType<graphene.PrivateKey>();
  const id: Buffer = privateKey.getAttribute({ id: null }).id ?? Buffer.alloc(0);
  const keyType = privateKey.getAttribute({ keyType: null }).keyType as number;
  const publicObjects = session.find({ class: lib.ObjectClass.PUBLIC_KEY, id });
  let publicKey: KeyObject;
  if (keyType === lib.KeyType.RSA) {
    publicKey = rsaPublicKey(privateKey);
  } else if (keyType === lib.KeyType.EC && publicObjects.length > 0) {
    publicKey = ecPublicKey(publicObjects.items(0).toType<graphene.PublicKey>());
  } else {
    throw new CertplaneError(
      `The private key labelled "${keyLabel}" in token "${tokenLabel}" is ` +
        `${keyType === lib.KeyType.EC ? "an EC key without a public key object of the same CKA_ID" : "neither RSA nor EC"}; ` +
        "certplane signs with RSA or ECDSA (P-256, P-384) keys whose public half it can read.",
    );
  }
  return { privateKey, publicKey, label: keyLabel, idHex: id.toString("hex") };
}

function publicKeyOf(desc: KeyDescription, publicObject: graphene.PublicKey): KeyObject {
  return desc.algorithm === "RSA" ? rsaPublicKey(publicObject) : ecPublicKey(publicObject);
}

/** The public key of an RSA key object, public or private (both carry modulus and exponent). */
function rsaPublicKey(object: graphene.PublicKey | graphene.PrivateKey): KeyObject {
  const { modulus, publicExponent } = object.getAttribute({ modulus: null, publicExponent: null });
  return createPublicKey({
    key: {
      kty: "RSA",
      n: (modulus as Buffer).toString("base64url"),
      e: (publicExponent as Buffer).toString("base64url"),
    },
    format: "jwk",
  });
}

/** The public key of an EC public key object: CKA_EC_PARAMS names the curve, CKA_EC_POINT the point. */
function ecPublicKey(publicObject: graphene.PublicKey): KeyObject {
  const attrs = publicObject.getAttribute({ paramsEC: null, pointEC: null });
  // graphene-pk11 names CKA_EC_PARAMS `paramsECDSA` when it reads it back.
  const params = ((attrs.paramsEC ?? attrs.paramsECDSA) as Buffer).toString("hex");
  const curve = Object.values(TOKEN_CURVES).find((known) => known.params === params);
  if (curve === undefined)
    throw new CertplaneError(
      `The token's EC key uses curve parameters ${params}; certplane signs with P-256 or P-384.`,
    );
  const { crv, size } = curve;
  const point = uncompressedPoint(attrs.pointEC as Buffer, size);
  return createPublicKey({
    key: {
      kty: "EC",
      crv,
      x: point.subarray(1, 1 + size).toString("base64url"),
      y: point.subarray(1 + size).toString("base64url"),
    },
    format: "jwk",
  });
}

/** CKA_EC_POINT is a DER OCTET STRING around the point (some tokens give the bare point). */
function uncompressedPoint(value: Buffer, size: number): Buffer {
  const length = 1 + 2 * size;
  if (value.length === length && value[0] === 0x04) return value;
  const point = value.subarray(value.length - length);
  if (point[0] !== 0x04)
    throw new CertplaneError("The token's EC public key is not an uncompressed point.");
  return point;
}

/**
 * Signs `data` with the token key, as WebCrypto would for `desc`: RSASSA-PKCS1-v1_5 with SHA-256
 * (CKM_SHA256_RSA_PKCS), or ECDSA over a SHA-256/384 digest made here (CKM_ECDSA, which every
 * token with EC keys has), giving r‖s as WebCrypto does.
 */
export function signInToken(
  token: TokenSession,
  key: TokenKey,
  desc: KeyDescription,
  data: Buffer,
): Buffer {
  if (desc.algorithm === "RSA")
    return token.session.createSign("SHA256_RSA_PKCS", key.privateKey).once(data);
  const hash = desc.ecdsaCurve === "P384" ? "sha384" : "sha256";
  const digest = createHash(hash).update(data).digest();
  return token.session.createSign("ECDSA", key.privateKey).once(digest);
}
