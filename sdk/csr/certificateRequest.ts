/**
 * `CertificateRequest`: a private key and a PKCS#10 certificate signing request, made locally.
 */
import * as pulumi from "@pulumi/pulumi";
import { secretInput } from "../secrets";
import { hooksShim } from "../shim";

/**
 * Subject of a CSR; field names follow `@pulumi/tls`. Values reach the CSR exactly as given (no
 * escaping needed); lengths are RFC 5280's bounds in characters, checked at `check`.
 */
export interface CertificateRequestSubject {
  /** CN. At most 64 characters. */
  commonName?: pulumi.Input<string>;
  /** O. At most 64 characters. */
  organization?: pulumi.Input<string>;
  /** OU. At most 64 characters. */
  organizationalUnit?: pulumi.Input<string>;
  /** C: a two-letter ISO 3166 code such as "US". */
  country?: pulumi.Input<string>;
  /** ST. At most 128 characters. */
  province?: pulumi.Input<string>;
  /** L. At most 128 characters. */
  locality?: pulumi.Input<string>;
  /** street, one RDN per entry. At most 128 characters each. */
  streetAddresses?: pulumi.Input<pulumi.Input<string>[]>;
  /** postalCode. At most 40 characters. */
  postalCode?: pulumi.Input<string>;
  /**
   * serialNumber (the subject attribute, not the certificate serial). At most 64 characters of
   * PrintableString: letters, digits, space and `' ( ) + , - . / : = ?`.
   */
  serialNumber?: pulumi.Input<string>;
  /** emailAddress (legacy subject attribute; prefer `emailAddresses`). ASCII, at most 255 characters. */
  emailAddress?: pulumi.Input<string>;
}

/** Arguments of {@link CertificateRequest}. */
export interface CertificateRequestArgs {
  /**
   * Algorithm of the generated key: `RSA`, `ECDSA` or `ED25519`. Not allowed with `privateKeyPem`.
   * @default "RSA"
   */
  algorithm?: pulumi.Input<"RSA" | "ECDSA" | "ED25519">;
  /**
   * RSA key size: 2048, 3072 or 4096. Only with algorithm RSA.
   * @default 2048
   */
  rsaBits?: pulumi.Input<2048 | 3072 | 4096>;
  /**
   * ECDSA curve: `P256`, `P384` or `P521`. Only with algorithm ECDSA.
   * @default "P256"
   */
  ecdsaCurve?: pulumi.Input<"P256" | "P384" | "P521">;
  /**
   * Bring your own key: an unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1) to make the CSR for,
   * instead of generating one. Secret: it is wrapped with `pulumi.secret`.
   * @default - a new key is generated
   */
  privateKeyPem?: pulumi.Input<string>;
  /** Subject of the CSR. At least a subject field or one subject alternative name is required. */
  subject?: pulumi.Input<CertificateRequestSubject>;
  /** DNS subject alternative names (`*.example.com` allowed). */
  dnsNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** IP address subject alternative names (IPv4 or IPv6). */
  ipAddresses?: pulumi.Input<pulumi.Input<string>[]>;
  /** URI subject alternative names (e.g. SPIFFE IDs). */
  uris?: pulumi.Input<pulumi.Input<string>[]>;
  /** E-mail subject alternative names. */
  emailAddresses?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * A private key and a certificate signing request, made locally with node:crypto (no vendor call):
 * the `openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=nso-user"`
 * step of Cisco PCA's mTLS guide as a resource. Feed `certRequestPem` to a signer
 * (`pca.SignedCertificate`, `netfoundry.ClientCertificate`) and keep `privateKeyPem` for the client.
 *
 * Any argument change replaces the resource (a new key and CSR). The id is the public key's SHA-256
 * fingerprint.
 *
 * @see https://www.pulumi.com/registry/packages/tls/api-docs/certrequest/ for the naming it follows
 */
export class CertificateRequest extends pulumi.dynamic.Resource {
  /** Effective key algorithm. */
  declare public readonly algorithm: pulumi.Output<"RSA" | "ECDSA" | "ED25519">;
  /** RSA key size, for RSA keys. */
  declare public readonly rsaBits: pulumi.Output<number | undefined>;
  /** ECDSA curve, for ECDSA keys. */
  declare public readonly ecdsaCurve: pulumi.Output<string | undefined>;
  /** Whether certplane generated the key (false for a bring-your-own key). */
  declare public readonly keyGenerated: pulumi.Output<boolean>;
  /** The private key, PKCS#8 PEM. Secret. */
  declare public readonly privateKeyPem: pulumi.Output<string>;
  /** The public key, SubjectPublicKeyInfo PEM. */
  declare public readonly publicKeyPem: pulumi.Output<string>;
  /** The public key in OpenSSH authorized_keys form, with a trailing newline. */
  declare public readonly publicKeyOpenssh: pulumi.Output<string>;
  /** `SHA256:…` fingerprint of the public key, as `ssh-keygen -l` prints it. */
  declare public readonly publicKeyFingerprintSha256: pulumi.Output<string>;
  /** The CSR, PEM. */
  declare public readonly certRequestPem: pulumi.Output<string>;
  /** Subject as given. */
  declare public readonly subject: pulumi.Output<CertificateRequestSubject | undefined>;
  declare public readonly dnsNames: pulumi.Output<string[] | undefined>;
  declare public readonly ipAddresses: pulumi.Output<string[] | undefined>;
  declare public readonly uris: pulumi.Output<string[] | undefined>;
  declare public readonly emailAddresses: pulumi.Output<string[] | undefined>;
  /** Version of the output layout in state. */
  declare public readonly schemaVersion: pulumi.Output<number>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - key and CSR settings.
   * @param opts - standard resource options.
   */
  constructor(name: string, args: CertificateRequestArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      hooksShim("csr/certificateRequest"),
      name,
      {
        ...args,
        privateKeyPem: secretInput(args.privateKeyPem),
        keyGenerated: undefined,
        publicKeyPem: undefined,
        publicKeyOpenssh: undefined,
        publicKeyFingerprintSha256: undefined,
        certRequestPem: undefined,
        schemaVersion: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["privateKeyPem"] }),
      "certplane",
      "CertificateRequest",
    );
  }
}
