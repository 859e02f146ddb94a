import * as pulumi from "@pulumi/pulumi";
import { withSecretFields } from "../secrets";
import { hooksShim } from "../shim";
import { APPVIEWX_SECRET_FIELDS, type AppViewXConnectionArgs } from "./connection";

/** Arguments of {@link SshCertificate} (the enroll payload of seed 002, plus lifecycle settings). */
export interface SshCertificateArgs {
  /** The OpenSSH public key to certify, e.g. a `@pulumi/tls` PrivateKey's `publicKeyOpenssh`. */
  publicKey: pulumi.Input<string>;
  /** `User` or `Host`. */
  certType: pulumi.Input<"User" | "Host">;
  /** Principals (user names or host names), at least one. */
  principals: pulumi.Input<pulumi.Input<string>[]>;
  /** Validity amount, greater than zero. */
  validityValue: pulumi.Input<number>;
  /** `hours`, `days`, `weeks`, `months` (30 days) or `years` (365 days). */
  validityUnit: pulumi.Input<string>;
  /** The certificate's key id. */
  certificateIdentity: pulumi.Input<string>;
  /** The AppViewX SSH CA that signs. */
  caName: pulumi.Input<string>;
  /** Replace this many hours before `validTo`; must be smaller than the validity. @defaultValue 0 */
  earlyRenewalHours?: pulumi.Input<number>;
  /**
   * Revoke through AppViewX's API on destroy and before replacing a certificate whose key stays
   * (AppViewX allows one valid certificate per key). Credentials in `connection.revocation*`.
   */
  revocation?: pulumi.Input<{ groupName: pulumi.Input<string>; reason?: pulumi.Input<string> }>;
  /** How to reach AppViewX; see {@link AppViewXConnectionArgs}. */
  connection?: pulumi.Input<AppViewXConnectionArgs>;
}

/**
 * An OpenSSH user or host certificate from AppViewX CERT+, enrolled over mTLS
 * (`POST /ssh/cert/enroll`, seed 002). The id is the certificate's serial number.
 *
 * Any change to the certified key, principals, validity, key id, CA or type — or entering the renewal
 * window — replaces it. Without `revocation`, destroy forgets the certificate (it expires at
 * `validTo`) and a replacement that keeps the key fails with ERR-SSH_NB-268; with `revocation`,
 * those revoke first.
 *
 * @see https://docs.appviewx.com/2026.1.0/oxy_ex/SSH_Create_Certificate_with_MTLS.html
 */
export class SshCertificate extends pulumi.dynamic.Resource {
  /** The OpenSSH certificate (`…-cert-v01@openssh.com …`), for `ssh -o CertificateFile=`. */
  declare public readonly certificate: pulumi.Output<string>;
  declare public readonly serialNumber: pulumi.Output<string>;
  declare public readonly keyId: pulumi.Output<string>;
  /** `SHA256:…` of the certified key. */
  declare public readonly fingerprint: pulumi.Output<string>;
  declare public readonly signingCa: pulumi.Output<string>;
  /** RFC 3339. */
  declare public readonly validFrom: pulumi.Output<string>;
  /** RFC 3339. */
  declare public readonly validTo: pulumi.Output<string>;
  /** Same as validTo. */
  declare public readonly notAfter: pulumi.Output<string>;
  declare public readonly certStatus: pulumi.Output<string>;
  /** The certificate's extensions as AppViewX reports them, e.g. `{permitPty: true, …}`; `{}` for none. */
  declare public readonly extensions: pulumi.Output<Record<string, unknown>>;
  declare public readonly readyForRenewal: pulumi.Output<boolean>;
  declare public readonly principals: pulumi.Output<string[]>;
  declare public readonly schemaVersion: pulumi.Output<number>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the key, principals, validity and CA.
   * @param opts - standard resource options.
   */
  constructor(name: string, args: SshCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      hooksShim("appviewx/sshCertificate"),
      name,
      {
        ...args,
        connection: withSecretFields(args.connection, APPVIEWX_SECRET_FIELDS),
        certificate: undefined,
        serialNumber: undefined,
        keyId: undefined,
        fingerprint: undefined,
        signingCa: undefined,
        validFrom: undefined,
        validTo: undefined,
        notAfter: undefined,
        certStatus: undefined,
        extensions: undefined,
        readyForRenewal: undefined,
        schemaVersion: undefined,
      },
      opts,
      "certplane",
      "AppViewXSshCertificate",
    );
  }
}
