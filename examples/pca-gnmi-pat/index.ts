// Seed 001 ("Create a PAT Token", option B) as code: a personal access token for PCA's gNMI
// streaming, owned by the automation (machine) user, deleted with the stack. It lives 90 days and is
// rotated 30 days before it ends: a lifetime rather than a fixed date, so every rotation makes a PAT
// that lives another 90 days (a fixed expirationDate would give the new PAT the same date, and
// certplane refuses one already inside its renewal window). Zitadel is reached through
// CERTPLANE_ZITADEL_* (or, by default, the PCA host on port 3443 with the PCA token).
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

const gnmi = new certplane.pca.PersonalAccessToken("gnmi", {
  lifetimeHours: config.getNumber("lifetimeHours") ?? 24 * 90,
  earlyRenewalHours: 24 * 30,
});

export const gnmiToken = gnmi.token; // secret: hand it to gnmic as the password/token
export const gnmiTokenId = gnmi.tokenId;
export const gnmiUserId = gnmi.userId;
export const gnmiExpires = gnmi.expirationDate;
