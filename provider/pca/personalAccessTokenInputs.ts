/** The inputs of `pca.PersonalAccessToken` and their `check` (no network). */
import { now } from "../core/clock";
import { InputChecker, isUnknown, show, type CheckFailure } from "../core/validation";
import { inputDefault } from "../core/packageSchema";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:pca:PersonalAccessToken";
const DEFAULT_EARLY_RENEWAL_HOURS = inputDefault<number>(RESOURCE, "earlyRenewalHours");

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

/**
 * Validates and normalizes `news`. An expirationDate not in the future (by the provider clock) is
 * refused here, so preview reports it: Zitadel would refuse it at create, and once a PAT's date has
 * passed every up would try to renew it into another expired one, so the fix is the same either
 * way — a later date.
 */
export function checkPersonalAccessToken(news: Record<string, unknown>): {
  inputs: PersonalAccessTokenInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
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
    const at = now();
    if (Date.parse(expirationDate) <= at.getTime()) {
      c.fail(
        "expirationDate",
        `expirationDate must be in the future (now is ${at.toISOString()}); got ${show(news.expirationDate)}. Give a later RFC 3339 timestamp.`,
      );
    }
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
    c.integer("earlyRenewalHours", news.earlyRenewalHours, {
      min: 0,
      fallback: DEFAULT_EARLY_RENEWAL_HOURS,
    }) ?? DEFAULT_EARLY_RENEWAL_HOURS;
  const inputs: PersonalAccessTokenInputs = {
    expirationDate: expirationDate as string,
    earlyRenewalHours,
  };
  if (userId !== undefined) inputs.userId = userId;
  if (organizationId !== undefined) inputs.organizationId = organizationId;
  const connection = c.connection(news.connection);
  if (connection !== undefined) inputs.connection = connection;
  return { inputs, failures: c.failures, checked: c.checked };
}
