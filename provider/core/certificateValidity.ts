/**
 * The guard every resource that puts a certificate given as input somewhere (onto an SBC, into a
 * NetFoundry Frontdoor) runs: nothing expired or not yet valid goes out.
 *
 * It runs twice on purpose. At `check` when the PEM is known, so `pulumi preview` already says it;
 * and again at create/update before the first vendor call, for a PEM that was unknown at preview (a
 * signer upstream is being replaced) or a clock that moved between the two. Both read the provider
 * clock (./clock: `CERTPLANE_NOW`, `CERTPLANE_CLOCK_OFFSET_SECONDS`), so a rehearsal on a moved
 * clock judges as production will on that day.
 *
 * A certificate is valid from notBefore through notAfter, both included (RFC 5280, 4.1.2.5).
 */
import { now } from "./clock";
import { CertplaneError } from "./errors";
import { formatInstant } from "./instant";
import type { CheckFailure } from "./validation";
import { certificatesIn, parseCertificate } from "./x509";

/** What to tell the user to do, per problem (the resource knows where its certificates go). */
export interface ValidityRemedies {
  /** After "…has expired: …": e.g. have the CA sign again. */
  expired: string;
  /** After "…is not yet valid: …": e.g. check the CA's clock. */
  notYetValid: string;
}

/**
 * Why `pem`'s certificates may not go out at `at`, as one failure per certificate that is expired
 * or not yet valid (property `property`), or none. Blocks that do not parse are left to the
 * resource's own PEM check.
 *
 * @param property - the Args property holding the PEM, named in each reason.
 * @param pem - one or more `CERTIFICATE` blocks.
 * @param remedies - the fix each reason ends with.
 * @param at - the instant to judge at.
 * @default at - the provider clock's now
 */
export function validityFailures(
  property: string,
  pem: string,
  remedies: ValidityRemedies,
  at: Date = now(),
): CheckFailure[] {
  const blocks = certificatesIn(pem);
  const failures: CheckFailure[] = [];
  blocks.forEach((block, i) => {
    let info;
    try {
      info = parseCertificate(block);
    } catch {
      return;
    }
    const which =
      blocks.length > 1
        ? `${property}'s certificate ${i + 1} of ${blocks.length} (${info.subject})`
        : `${property} (${info.subject})`;
    const clock = `now is ${formatInstant(at)} (the provider clock)`;
    if (at.getTime() > info.notAfter.getTime()) {
      failures.push({
        property,
        reason: `${which} has expired: its notAfter is ${formatInstant(info.notAfter)} and ${clock}. ${remedies.expired}`,
      });
    } else if (at.getTime() < info.notBefore.getTime()) {
      failures.push({
        property,
        reason: `${which} is not yet valid: its notBefore is ${formatInstant(info.notBefore)} and ${clock}. ${remedies.notYetValid}`,
      });
    }
  });
  return failures;
}

/**
 * The create/update side of the guard: throws before any vendor call when a certificate about to go
 * out is expired or not yet valid (the same reasons `check` gives).
 *
 * @param given - each property's PEM; absent ones are skipped.
 * @param remedies - the fix each reason ends with.
 * @throws CertplaneError naming every such certificate
 */
export function assertValidNow(
  given: Record<string, string | undefined>,
  remedies: ValidityRemedies,
): void {
  const at = now();
  const reasons = Object.entries(given).flatMap(([property, pem]) =>
    pem === undefined ? [] : validityFailures(property, pem, remedies, at).map((f) => f.reason),
  );
  if (reasons.length > 0) throw new CertplaneError(reasons.join(" "));
}
