/** The inputs of `pca.PersonalAccessToken` and their `check` (format only: no clock, no network). */
import { InputChecker, isUnknown, type CheckFailure } from "../core/validation";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ZITADEL_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** Normalized inputs. */
export interface PersonalAccessTokenInputs {
  /** RFC 3339, normalized to UTC with milliseconds (`2027-01-01T00:00:00.000Z`). */
  expirationDate: string;
  /** The machine user owning the PAT; the caller's own user (users/me) when omitted. */
  userId?: string;
  /** Sent as `x-zitadel-orgid` when the user is in another organization. */
  organizationId?: string;
  earlyRenewalHours: number;
  connection?: Record<string, unknown>;
}

/** Validates and normalizes `news`. A past date is refused at create, not here (a later up must not fail). */
export function checkPersonalAccessToken(news: Record<string, unknown>): {
  inputs: PersonalAccessTokenInputs;
  failures: CheckFailure[];
} {
  const c = new InputChecker();
  let expirationDate = c.requiredString("expirationDate", news.expirationDate, {
    test: {
      ok: (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)),
      allowed: 'an RFC 3339 timestamp such as "2027-12-31T23:59:59Z"',
    },
  });
  if (expirationDate !== undefined && !isUnknown(expirationDate) && RFC3339.test(expirationDate)) {
    expirationDate = new Date(expirationDate).toISOString();
  }
  const idRule = {
    test: {
      ok: (v: string) => ZITADEL_ID.test(v),
      allowed: "a Zitadel id (letters, digits, '_' or '-')",
    },
  };
  const userId = c.string("userId", news.userId, idRule);
  const organizationId = c.string("organizationId", news.organizationId, idRule);
  const earlyRenewalHours =
    c.integer("earlyRenewalHours", news.earlyRenewalHours, { min: 0, fallback: 0 }) ?? 0;
  const inputs: PersonalAccessTokenInputs = {
    expirationDate: expirationDate as string,
    earlyRenewalHours,
  };
  if (userId !== undefined) inputs.userId = userId;
  if (organizationId !== undefined) inputs.organizationId = organizationId;
  if (news.connection !== undefined) inputs.connection = news.connection as Record<string, unknown>;
  return { inputs, failures: c.failures };
}
