/**
 * `oraclesbc.CertificateImport`: puts a CA-signed certificate into an SBC certificate-record.
 */
import * as pulumi from "@pulumi/pulumi";
import { hooksShim } from "../shim";
import { secretConnection, type ConnectionArgs } from "./connection";

/**
 * Arguments of {@link CertificateImport}.
 * @see https://docs.oracle.com/en/industries/communications/session-border-controller/9.3.0/rest/op-rest-version-configuration-certificates-import-put.html
 */
export interface CertificateImportArgs {
  /** The certificate-record (e.g. `CertificateRecord.recordName`). Changing it replaces. */
  recordName: pulumi.Input<string>;
  /** The signed certificate PEM for the record's CSR. A new one is imported with overwrite. */
  certificatePem: pulumi.Input<string>;
  /**
   * Intermediate certificates sent after the leaf in the same import (whether a device keeps them
   * there is unconfirmed; CA certificates normally go into their own trusted records).
   * @default - none
   */
  chainPem?: pulumi.Input<string>;
  /** Save, verify and activate after the import. @default true */
  saveAndActivate?: pulumi.Input<boolean>;
  /** How to reach the SBC. @default - stack config / environment */
  connection?: pulumi.Input<ConnectionArgs>;
}

/**
 * The certificate of a certificate-record. Create/update = lock, PUT certificates/import
 * (overwrite on renewal), save/verify/activate, read back with GET certificates, unlock. Renewal
 * follows the signer upstream: a new `certificatePem` is imported in place. Delete forgets: the
 * certificate stays in its record until the record itself is deleted.
 */
export class CertificateImport extends pulumi.dynamic.Resource {
  /** The certificate as read back from the device. */
  declare public readonly certificatePem: pulumi.Output<string>;
  /** SHA-256 fingerprint of the device's certificate, `AB:CD:…`. */
  declare public readonly fingerprintSha256: pulumi.Output<string>;
  /** Expiry (RFC 3339). */
  declare public readonly notAfter: pulumi.Output<string>;
  /** The record. */
  declare public readonly recordName: pulumi.Output<string>;
  /** Chain given. */
  declare public readonly chainPem: pulumi.Output<string | undefined>;
  /** Whether changes are saved and activated. */
  declare public readonly saveAndActivate: pulumi.Output<boolean>;
  /** Version of the output shape. */
  declare public readonly schemaVersion: pulumi.Output<number>;

  /**
   * @param name - Pulumi resource name
   * @param args - what to import where
   * @param opts - resource options
   */
  constructor(name: string, args: CertificateImportArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      hooksShim("oraclesbc/certificateImport"),
      name,
      {
        ...args,
        connection: secretConnection(args.connection),
        fingerprintSha256: undefined,
        notAfter: undefined,
        schemaVersion: undefined,
      },
      opts,
      "certplane",
      "OracleSbcCertificateImport",
    );
  }
}
