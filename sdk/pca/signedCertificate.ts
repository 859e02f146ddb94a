import * as pulumi from "@pulumi/pulumi";
import { secretInput, withSecretFields } from "../secrets";
import { hooksShim } from "../shim";
import { PCA_SECRET_FIELDS, type PcaConnectionArgs } from "./connection";

/** Arguments of {@link SignedCertificate}. */
export interface SignedCertificateArgs {
  /** The CSR to sign (PEM), e.g. a `CertificateRequest`'s `certRequestPem`. */
  certRequestPem: pulumi.Input<string>;
  /** The user PCA embeds in the certificate (seed 000's `requestedUsername`, e.g. `nso-user`). */
  requestedUsername: pulumi.Input<string>;
  /** Roles PCA assigns (`assignedRoles`, sent comma-separated). @defaultValue [] */
  assignedRoles?: pulumi.Input<pulumi.Input<string>[]>;
  /** Validity in hours (`certduration`). @defaultValue 2160 (90 days) */
  certDurationHours?: pulumi.Input<number>;
  /**
   * The CSR's private key (secret). When given, create and refresh check the certificate with PCA's
   * mTLS validate endpoint and report `validated`.
   */
  privateKeyPem?: pulumi.Input<string>;
  /** Replace the certificate this many hours before `notAfter`. @defaultValue 0 */
  earlyRenewalHours?: pulumi.Input<number>;
  /** How to reach PCA; see {@link PcaConnectionArgs}. */
  connection?: pulumi.Input<PcaConnectionArgs>;
}

/**
 * A client certificate signed by Cisco Provider Connectivity Assurance (`POST
 * /distribution/sign-csr`, seed 000 step 2), optionally validated over mTLS (step 4). The id is the
 * certificate's serial number.
 *
 * Changing the CSR, username, roles or duration replaces the certificate (a new one is signed
 * before the old one is forgotten), as does entering the renewal window. **Delete forgets the
 * certificate: PCA documents no revoke API, so it stays valid until `notAfter`.**
 *
 * @see https://docs.accedian.io/docs/mtls-certificates
 */
export class SignedCertificate extends pulumi.dynamic.Resource {
  /** The signed certificate (PEM). */
  declare public readonly certificatePem: pulumi.Output<string>;
  /** Issuer certificates PCA sent after the leaf (PEM); `""` when it sent the leaf only. */
  declare public readonly chainPem: pulumi.Output<string>;
  /** `certificatePem` followed by `chainPem`: what a TLS client or server presents. */
  declare public readonly fullChainPem: pulumi.Output<string>;
  /** Subject as PCA issued it (e.g. `CN=nso-user, …`). */
  declare public readonly subject: pulumi.Output<string>;
  declare public readonly issuer: pulumi.Output<string>;
  /** Serial number, upper-case hex (also the id). */
  declare public readonly serialNumber: pulumi.Output<string>;
  /** RFC 3339. */
  declare public readonly notBefore: pulumi.Output<string>;
  /** RFC 3339. */
  declare public readonly notAfter: pulumi.Output<string>;
  /** `AB:CD:…` SHA-256 fingerprint. */
  declare public readonly fingerprintSha256: pulumi.Output<string>;
  /** With `privateKeyPem`: whether PCA's mTLS validate endpoint accepts the certificate. */
  declare public readonly validated: pulumi.Output<boolean | undefined>;
  /** Why validation failed, when it did. */
  declare public readonly validationMessage: pulumi.Output<string | undefined>;
  /** True once `now >= notAfter - earlyRenewalHours`: the next `up` replaces it. */
  declare public readonly readyForRenewal: pulumi.Output<boolean>;
  declare public readonly requestedUsername: pulumi.Output<string>;
  declare public readonly assignedRoles: pulumi.Output<string[]>;
  declare public readonly certDurationHours: pulumi.Output<number>;
  declare public readonly earlyRenewalHours: pulumi.Output<number>;
  declare public readonly schemaVersion: pulumi.Output<number>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - what to sign and how to reach PCA.
   * @param opts - standard resource options.
   */
  constructor(name: string, args: SignedCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      hooksShim("pca/signedCertificate"),
      name,
      {
        ...args,
        privateKeyPem: secretInput(args.privateKeyPem),
        connection: withSecretFields(args.connection, PCA_SECRET_FIELDS),
        certificatePem: undefined,
        chainPem: undefined,
        fullChainPem: undefined,
        subject: undefined,
        issuer: undefined,
        serialNumber: undefined,
        notBefore: undefined,
        notAfter: undefined,
        fingerprintSha256: undefined,
        validated: undefined,
        validationMessage: undefined,
        readyForRenewal: undefined,
        schemaVersion: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["privateKeyPem"] }),
      "certplane",
      "PcaSignedCertificate",
    );
  }
}
