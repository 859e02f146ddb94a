/**
 * Zitadel shows a PAT's secret only in the create answer, and create is not idempotent. When that
 * answer never arrives (timeout, reset after sending, a garbled body) the PAT may exist with a secret
 * nobody will ever see: certplane deletes such PATs (new since the call, same expiry) rather than
 * leave a live, unrecorded credential, and says so.
 */
import { CertplaneError, VendorApiError, safeMessage } from "../core/errors";
import type { PatInfo, ZitadelClient } from "./zitadelClient";

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/** Creates the PAT once; after an ambiguous failure deletes what the call may have made. */
export async function createPatOnce(
  zitadel: ZitadelClient,
  userId: string,
  expirationDate: string,
): Promise<PatInfo & { token: string }> {
  const before = new Set((await zitadel.listPats(userId)).map((pat) => pat.tokenId));
  try {
    return await zitadel.createPat(userId, expirationDate);
  } catch (error) {
    if (!(error instanceof VendorApiError) || !error.ambiguous) throw error;
    const unseen = (await zitadel.listPats(userId)).filter(
      (pat) => !before.has(pat.tokenId) && sameInstant(pat.expirationDate, expirationDate),
    );
    for (const pat of unseen) await zitadel.deletePat(userId, pat.tokenId);
    const cleaned =
      unseen.length === 0
        ? "Zitadel did not create it."
        : `Zitadel had created ${unseen.map((pat) => pat.tokenId).join(", ")}, whose secret never arrived; certplane deleted it.`;
    throw new CertplaneError(
      `${safeMessage(error)} ${cleaned} Nothing is left behind: run \`pulumi up\` again.`,
    );
  }
}
