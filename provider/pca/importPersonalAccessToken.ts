/**
 * Import of `pca.PersonalAccessToken` (the native plugin's Read with an id and no state). Zitadel
 * reads a PAT under its user (`GET /management/v1/users/{userId}/pats/{tokenId}`), so the import id
 * is `<tokenId>` (a PAT of the caller, `users/me`), `<userId>/<tokenId>`, or
 * `<organizationId>/<userId>/<tokenId>` (a user of another organization, sent as x-zitadel-orgid).
 * The resource's id stays the token id, as after a create.
 *
 * Zitadel shows a token's secret only in the answer that created it, so an imported PAT has no
 * token: `token` is "" and a warning says how to get one (replace it: a new PAT, made before the old
 * one is deleted). Everything else (expiry, owner, renewal) is managed as for a created PAT.
 */
import { cleanOutputs, SCHEMA_VERSION } from "../core/hooks";
import { declaredInputs, importIdParts } from "../core/importedInputs";
import { log } from "../core/log";
import { isRenewalDue } from "../core/renewal";
import { check } from "./personalAccessToken";
import { type PersonalAccessTokenInputs, RESOURCE } from "./personalAccessTokenInputs";
import { ZitadelClient } from "./zitadelClient";
import { resolveZitadelConnection } from "./zitadelConnection";

/** The accepted import ids. */
export const IMPORT_ID_FORMATS = [
  ["tokenId"],
  ["userId", "tokenId"],
  ["organizationId", "userId", "tokenId"],
] as const;

/** The warning an import logs: the token cannot be read back. */
export function tokenNotImportedWarning(tokenId: string): string {
  return (
    `pca.PersonalAccessToken ${tokenId} was imported without its secret ` +
    `(Zitadel shows a PAT's secret only when it is created), so the token output is "". Keep using the secret you saved ` +
    `when it was made, or have certplane make a new PAT whose token it keeps: ` +
    `\`pulumi up --replace <urn of this resource>\` (the new PAT exists before this one is deleted).`
  );
}

/**
 * Reads Zitadel PAT `importId` for an import: its id, outputs (token "") and declared inputs; `{}`
 * when it does not exist.
 * @param importId - the id given to `pulumi import` or the `import` option
 */
export async function importPersonalAccessToken(importId: string) {
  const parts = importIdParts(
    importId,
    IMPORT_ID_FORMATS,
    "pca.PersonalAccessToken",
    "287614325460647939/287614325460713475",
  );
  const zitadel = new ZitadelClient(resolveZitadelConnection(undefined), parts.organizationId);
  const userId = parts.userId ?? (await zitadel.myUserId());
  const pat = await zitadel.getPat(userId, parts.tokenId);
  if (!pat) return {};
  const given: Record<string, unknown> = { expirationDate: pat.expirationDate };
  if (parts.userId !== undefined) given.userId = parts.userId;
  if (parts.organizationId !== undefined) given.organizationId = parts.organizationId;
  const { inputs } = await check({}, given);
  const checked = inputs as unknown as PersonalAccessTokenInputs;
  log.warn(tokenNotImportedWarning(pat.tokenId));
  return {
    id: pat.tokenId,
    props: cleanOutputs({
      ...checked,
      userId,
      tokenId: pat.tokenId,
      token: "",
      readyForRenewal: isRenewalDue(checked.expirationDate, checked.earlyRenewalHours),
      schemaVersion: SCHEMA_VERSION,
    }),
    inputs: declaredInputs(RESOURCE, inputs),
  };
}
