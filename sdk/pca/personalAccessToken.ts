import * as pulumi from "@pulumi/pulumi";
import { withSecretFields } from "../secrets";
import { hooksShim } from "../shim";
import { ZITADEL_SECRET_FIELDS, type ZitadelConnectionArgs } from "./connection";

/** Arguments of {@link PersonalAccessToken}. */
export interface PersonalAccessTokenArgs {
  /**
   * When the PAT expires, RFC 3339 (e.g. `2027-12-31T23:59:59Z`); must be in the future (checked at
   * check, so preview reports a past date).
   */
  expirationDate: pulumi.Input<string>;
  /** The machine user (service account) that owns the PAT. @defaultValue the caller (users/me) */
  userId?: pulumi.Input<string>;
  /** The user's organization, sent as `x-zitadel-orgid`. @defaultValue the caller's organization */
  organizationId?: pulumi.Input<string>;
  /** Replace (rotate) the PAT this many hours before `expirationDate`. @defaultValue 0 */
  earlyRenewalHours?: pulumi.Input<number>;
  /** How to reach Zitadel; see {@link ZitadelConnectionArgs}. */
  connection?: pulumi.Input<ZitadelConnectionArgs>;
}

/**
 * A Zitadel personal access token for PCA's gNMI streaming (seed 001, "Create a PAT Token", option
 * B). The id is the token id; `token` is a secret output, shown nowhere else.
 *
 * Only machine users (service accounts) can own PATs. A new `expirationDate`, user or organization —
 * or entering the renewal window — rotates it: the new PAT is created before the old one is
 * deleted. Refresh notices a PAT deleted in the console (the next `up` creates a new one); destroy
 * deletes it.
 *
 * @see https://docs.accedian.io/docs/prerequisites-for-authentication
 */
export class PersonalAccessToken extends pulumi.dynamic.Resource {
  /** The PAT (secret). */
  declare public readonly token: pulumi.Output<string>;
  declare public readonly tokenId: pulumi.Output<string>;
  /** The owner (resolved from users/me when not given). */
  declare public readonly userId: pulumi.Output<string>;
  /** RFC 3339, UTC. */
  declare public readonly expirationDate: pulumi.Output<string>;
  declare public readonly earlyRenewalHours: pulumi.Output<number>;
  /** True once `now >= expirationDate - earlyRenewalHours`: the next `up` rotates it. */
  declare public readonly readyForRenewal: pulumi.Output<boolean>;
  declare public readonly schemaVersion: pulumi.Output<number>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - expiry, owner and how to reach Zitadel.
   * @param opts - standard resource options.
   */
  constructor(name: string, args: PersonalAccessTokenArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      hooksShim("pca/personalAccessToken"),
      name,
      {
        ...args,
        connection: withSecretFields(args.connection, ZITADEL_SECRET_FIELDS),
        token: undefined,
        tokenId: undefined,
        readyForRenewal: undefined,
        schemaVersion: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["token"] }),
      "certplane",
      "PcaPersonalAccessToken",
    );
  }
}
