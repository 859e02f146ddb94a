import * as pulumi from "@pulumi/pulumi";
import { withSecretFields } from "../secrets";
import { hooksShim } from "../shim";
import { NETFOUNDRY_SECRET_FIELDS, type NetFoundryConnectionArgs } from "./connection";

/** Arguments of {@link ClientCertificate}: exactly one of `certificatePem` or `certRequestPem`. */
export interface ClientCertificateArgs {
  /** The certificate's name in the Frontdoor (renaming updates it in place). */
  name: pulumi.Input<string>;
  /** The Frontdoor. @defaultValue `connection.frontdoorId`, `certplane:netfoundryFrontdoorId` or `CERTPLANE_NETFOUNDRY_FRONTDOOR_ID` */
  frontdoorId?: pulumi.Input<string>;
  /** Upload this certificate (PEM); a new PEM replaces it in place (PUT). */
  certificatePem?: pulumi.Input<string>;
  /** Have NetFoundry sign this CSR (PEM); a new CSR replaces the certificate. */
  certRequestPem?: pulumi.Input<string>;
  /** For signed certificates (365 days): replace this many hours before expiry. @defaultValue 0 */
  earlyRenewalHours?: pulumi.Input<number>;
  /** Adopt an existing certificate of the same name instead of creating a duplicate. @defaultValue false */
  adoptExisting?: pulumi.Input<boolean>;
  /** How to reach NetFoundry; see {@link NetFoundryConnectionArgs}. */
  connection?: pulumi.Input<NetFoundryConnectionArgs>;
}

/**
 * A NetFoundry Frontdoor client certificate (seed 004): uploaded from your own CA, or signed by
 * NetFoundry from a CSR (issuer `C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry`, 365 days).
 * The id is NetFoundry's certificate id. Refresh shows renames and new values made in the console;
 * destroy deletes it.
 *
 * @see https://netfoundry.io/docs/frontdoor/reference/api-guides/client-certificates
 */
export class ClientCertificate extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly frontdoorId: pulumi.Output<string>;
  /** NetFoundry's id of the certificate (the same as the resource's `id`). */
  declare public readonly certificateId: pulumi.Output<string>;
  /**
   * The certificate, PEM: the uploaded `certificatePem`, or the one NetFoundry issued for
   * `certRequestPem` (named as `pca.SignedCertificate` names it; formerly the output `value`).
   */
  declare public readonly certificatePem: pulumi.Output<string>;
  declare public readonly subject: pulumi.Output<string>;
  declare public readonly issuer: pulumi.Output<string>;
  declare public readonly serialNumber: pulumi.Output<string>;
  /** RFC 3339. */
  declare public readonly notAfter: pulumi.Output<string>;
  declare public readonly fingerprintSha256: pulumi.Output<string>;
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  declare public readonly createdBy: pulumi.Output<string | undefined>;
  /** Signed certificates: true once inside the renewal window. */
  declare public readonly readyForRenewal: pulumi.Output<boolean>;
  declare public readonly schemaVersion: pulumi.Output<number>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the certificate or CSR, its name and Frontdoor.
   * @param opts - standard resource options.
   */
  constructor(name: string, args: ClientCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      hooksShim("netfoundry/clientCertificate"),
      name,
      {
        ...args,
        connection: withSecretFields(args.connection, NETFOUNDRY_SECRET_FIELDS),
        // An input in upload mode; in CSR mode undefined, so the SDK makes it an output only.
        certificatePem: args.certificatePem,
        certificateId: undefined,
        subject: undefined,
        issuer: undefined,
        serialNumber: undefined,
        notAfter: undefined,
        fingerprintSha256: undefined,
        createdAt: undefined,
        createdBy: undefined,
        readyForRenewal: undefined,
        schemaVersion: undefined,
      },
      opts,
      "certplane",
      "NetFoundryClientCertificate",
    );
  }
}
