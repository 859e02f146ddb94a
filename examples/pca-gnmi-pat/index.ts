// Seed 001 ("Create a PAT Token", option B) as code: a personal access token for PCA's gNMI
// streaming, owned by the automation (machine) user, rotated 30 days before it expires, deleted
// with the stack. Zitadel is reached through CERTPLANE_ZITADEL_* (or, by default, the PCA host on
// port 3443 with the PCA token).
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

const gnmi = new certplane.pca.PersonalAccessToken("gnmi", {
  expirationDate: config.get("expirationDate") ?? "2099-12-31T23:59:59Z",
  earlyRenewalHours: 720,
});

export const gnmiToken = gnmi.token; // secret: hand it to gnmic as the password/token
export const gnmiTokenId = gnmi.tokenId;
export const gnmiUserId = gnmi.userId;
export const gnmiExpires = gnmi.expirationDate;
