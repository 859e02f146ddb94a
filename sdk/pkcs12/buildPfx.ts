/**
 * Builds a PKCS#12 (PFX) bundle from PEM inputs for any key type node:crypto reads (RSA, ECDSA,
 * Ed25519): the private key as a PBES2 shrouded key bag (PBKDF2-HMAC-SHA256 + AES-256-CBC), the
 * certificate and chain as certificate bags, and an HMAC-SHA256 integrity MAC. The salts and IV are
 * derived from the content (./derivedSalts), so the same inputs give the same bytes. node-forge
 * supplies the DER encoder and the PKCS#12 MAC key derivation; node:crypto the rest.
 *
 * @see RFC 7292 (PKCS #12 v1.1), sections 4 (PFX), 4.2 (safe bags) and appendix B (MAC key derivation)
 */
import * as crypto from "node:crypto";
import forge from "node-forge";
import {
  type Asn1,
  bmpString,
  der,
  explicit0,
  integer,
  nullValue,
  octets,
  oid,
  seq,
  set,
} from "./der";
import { deriveSalts } from "./derivedSalts";
import { encryptPrivateKey } from "./pbes2";

const OID = {
  data: "1.2.840.113549.1.7.1",
  certBag: "1.2.840.113549.1.12.10.1.3",
  pkcs8ShroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  localKeyId: "1.2.840.113549.1.9.21",
  friendlyName: "1.2.840.113549.1.9.20",
  sha256: "2.16.840.1.101.3.4.2.1",
};

/** PKCS#12 key-derivation purpose 3: MAC key (RFC 7292 appendix B.3). */
const MAC_KEY_ID = 3;
const MAC_ITERATIONS = 10_000;
/** PBKDF2 iterations of the key bag: node:crypto's and OpenSSL 3's default, as before. */
const KEY_ITERATIONS = 2048;

/** What goes into the bundle. */
export interface PfxInputs {
  /** The leaf certificate (PEM). */
  certificatePem: string;
  /** Its private key (PEM: PKCS#8, PKCS#1 or SEC1). */
  privateKeyPem: string;
  /** Issuer certificates (PEM, one or more blocks), leaf excluded. */
  chainPem?: string;
  /** Protects the key and the MAC. */
  password: string;
  /** Shown by Windows and keytool as the entry's name (alias). */
  friendlyName?: string;
}

/** The PEM blocks labelled CERTIFICATE in `pem`, as DER. */
export function certificateBlocks(pem: string): Buffer[] {
  const blocks: Buffer[] = [];
  const pattern = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;
  for (let match = pattern.exec(pem); match; match = pattern.exec(pem)) {
    blocks.push(Buffer.from(match[1].replace(/\s+/g, ""), "base64"));
  }
  return blocks;
}

function bagAttributes(localKeyId: Buffer, friendlyName: string | undefined): Asn1 {
  const attributes = [seq([oid(OID.localKeyId), set([octets(localKeyId)])])];
  if (friendlyName) attributes.push(seq([oid(OID.friendlyName), set([bmpString(friendlyName)])]));
  return set(attributes);
}

function certBag(certificateDer: Buffer, attributes?: Asn1): Asn1 {
  const bag = [
    oid(OID.certBag),
    explicit0(seq([oid(OID.x509Certificate), explicit0(octets(certificateDer))])),
  ];
  return seq(attributes ? [...bag, attributes] : bag);
}

/** A ContentInfo of type `data` holding DER-encoded SafeContents. */
function dataContentInfo(safeBags: Asn1[]): Asn1 {
  return seq([oid(OID.data), explicit0(octets(der(seq(safeBags))))]);
}

/** MacData: HMAC-SHA256 over the AuthenticatedSafe, its key from the password (RFC 7292 B.2). */
function macData(authenticatedSafe: Buffer, password: string, salt: Buffer): Asn1 {
  const macKey = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(salt.toString("binary")),
    MAC_KEY_ID,
    MAC_ITERATIONS,
    32,
    forge.md.sha256.create(),
  );
  const mac = crypto
    .createHmac("sha256", Buffer.from(macKey.getBytes(), "binary"))
    .update(authenticatedSafe)
    .digest();
  return seq([
    seq([seq([oid(OID.sha256), nullValue()]), octets(mac)]),
    octets(salt),
    integer(MAC_ITERATIONS),
  ]);
}

/**
 * Builds the PFX: the same inputs give the same bytes, any change gives other bytes. Throws (never
 * echoing the key or the password) when the key is unreadable or does not belong to the certificate.
 * @returns the DER bytes of the PKCS#12 bundle
 */
export function buildPfx(inputs: PfxInputs): Buffer {
  if (typeof inputs.password !== "string" || inputs.password.length === 0) {
    throw new Error(
      "toPkcs12: password must be a non-empty string (it protects the private key and the MAC).",
    );
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(inputs.privateKeyPem);
  } catch {
    throw new Error(
      "toPkcs12: privateKeyPem is not a readable PEM private key (PKCS#8, PKCS#1 or SEC1).",
    );
  }
  const [leafDer] = certificateBlocks(inputs.certificatePem);
  if (!leafDer) throw new Error("toPkcs12: certificatePem holds no PEM CERTIFICATE block.");
  const leaf = new crypto.X509Certificate(leafDer);
  if (!leaf.checkPrivateKey(key)) {
    throw new Error(
      `toPkcs12: privateKeyPem is not the key of certificatePem (subject "${leaf.subject.replace(/\n/g, ", ")}", serial ${leaf.serialNumber}).`,
    );
  }
  const chain = inputs.chainPem ? certificateBlocks(inputs.chainPem) : [];
  if (inputs.chainPem && chain.length === 0) {
    throw new Error("toPkcs12: chainPem holds no PEM CERTIFICATE block.");
  }

  const pkcs8Der = key.export({ type: "pkcs8", format: "der" });
  const salts = deriveSalts({
    pkcs8Der,
    leafDer,
    chainDers: chain,
    friendlyName: inputs.friendlyName,
  });
  // The key and its certificate are paired by a shared localKeyId: the SHA-1 of the certificate.
  const localKeyId = crypto.createHash("sha1").update(leafDer).digest();
  const encryptedKey = encryptPrivateKey(pkcs8Der, {
    password: inputs.password,
    salt: salts.keySalt,
    iv: salts.keyIv,
    iterations: KEY_ITERATIONS,
  });
  const keyBag = seq([
    oid(OID.pkcs8ShroudedKeyBag),
    explicit0(encryptedKey),
    bagAttributes(localKeyId, inputs.friendlyName),
  ]);
  const certBags = [
    certBag(leafDer, bagAttributes(localKeyId, inputs.friendlyName)),
    ...chain.map((c) => certBag(c)),
  ];
  const authenticatedSafe = der(seq([dataContentInfo(certBags), dataContentInfo([keyBag])]));
  return der(
    seq([
      integer(3),
      seq([oid(OID.data), explicit0(octets(authenticatedSafe))]),
      macData(authenticatedSafe, inputs.password, salts.macSalt),
    ]),
  );
}
