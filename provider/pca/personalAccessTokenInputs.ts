/** The inputs of `pca.PersonalAccessToken` and their `check` (no network). */
import { now } from "../core/clock";
import { formatInstant } from "../core/instant";
import { isRenewalDue, renewalStartsAt } from "../core/renewal";
import {
  containsUnknown,
  InputChecker,
  isUnknown,
  show,
  type CheckFailure,
} from "../core/validation";
import { inputDefault } from "../core/packageSchema";

/** The resource's token in schema/schema.json, where its fields, defaults and replace rules are. */
export const RESOURCE = "certplane:pca:PersonalAccessToken";
const DEFAULT_EARLY_RENEWAL_HOURS = inputDefault<number>(RESOURCE, "earlyRenewalHours");

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ZITADEL_ID = /^[A-Za-z0-9_-]{1,200}$/;
const HOUR_MS = 3_600_000;
/**
 * 100 years: an RFC 3339 date needs a four-digit year, and a token meant to outlive a century is
 * not one that rotates.
 */
const MAX_LIFETIME_HOURS = 876_000;

/** Normalized inputs: exactly one of `expirationDate` and `lifetimeHours`. */
export interface PersonalAccessTokenInputs {
  /** A fixed expiry, RFC 3339 UTC to the second (`2027-01-01T00:00:00Z`). */
  expirationDate?: string;
  /** Hours from creation; the expiry is computed at create and kept in state (outputs). */
  lifetimeHours?: number;
  /** The machine user owning the PAT; the caller's own user (users/me) when omitted. */
  userId?: string;
  /** Sent as `x-zitadel-orgid` when the user is in another organization. */
  organizationId?: string;
  earlyRenewalHours: number;
  connection?: Record<string, unknown>;
}

/**
 * Validates and normalizes `news`; never calls Zitadel.
 *
 * A fixed expirationDate must be outside its renewal window by the provider clock: a date already
 * past, or one whose window has opened, would be renewed on every up into another PAT of the same
 * date (and created already due). Zitadel would refuse a past date at create anyway; preview says
 * it first. With lifetimeHours every renewal gets a new date, so only the window's size is checked.
 */
export function checkPersonalAccessToken(news: Record<string, unknown>): {
  inputs: PersonalAccessTokenInputs;
  failures: CheckFailure[];
  checked: ReadonlySet<string>;
} {
  const c = new InputChecker();
  const earlyRenewalHours =
    c.integer("earlyRenewalHours", news.earlyRenewalHours, {
      min: 0,
      fallback: DEFAULT_EARLY_RENEWAL_HOURS,
    }) ?? DEFAULT_EARLY_RENEWAL_HOURS;
  const inputs: PersonalAccessTokenInputs = { earlyRenewalHours };
  const lifetimeGiven = given(news.lifetimeHours);
  const dateGiven = given(news.expirationDate);
  if (lifetimeGiven && dateGiven && !containsUnknown([news.lifetimeHours, news.expirationDate])) {
    c.note("expirationDate");
    c.fail(
      "lifetimeHours",
      `expirationDate and lifetimeHours are exclusive; got expirationDate ${show(news.expirationDate)} and lifetimeHours ${show(news.lifetimeHours)}. Give lifetimeHours (hours from creation: each renewal gets a later date) or expirationDate (one fixed date), not both.`,
    );
  } else if (!lifetimeGiven && !dateGiven) {
    c.note("lifetimeHours");
    c.fail(
      "expirationDate",
      "Give exactly one of lifetimeHours (hours from creation: each renewal gets a later date) or expirationDate (one fixed RFC 3339 date); neither was set.",
    );
  } else {
    // One of them (or, during preview, a known one beside an unknown one: judged when known).
    if (lifetimeGiven) {
      const hours = c.integer("lifetimeHours", news.lifetimeHours, {
        min: 1,
        max: MAX_LIFETIME_HOURS,
      });
      if (hours !== undefined) inputs.lifetimeHours = hours;
      if (hours !== undefined && !isUnknown(hours))
        checkWindowFitsLifetime(c, earlyRenewalHours, hours);
    }
    if (dateGiven) {
      const expirationDate = expirationDateOf(c, news.expirationDate, earlyRenewalHours);
      if (expirationDate !== undefined) inputs.expirationDate = expirationDate;
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
  if (userId !== undefined) inputs.userId = userId;
  if (organizationId !== undefined) inputs.organizationId = organizationId;
  const connection = c.connection(news.connection);
  if (connection !== undefined) inputs.connection = connection;
  return { inputs, failures: c.failures, checked: c.checked };
}

/** Whether an input was set at all (an unknown one counts: it will have a value). */
const given = (value: unknown) => value !== undefined && value !== null && value !== "";

/** A smaller window than the lifetime, else the PAT is created due and replaced on every up. */
function checkWindowFitsLifetime(c: InputChecker, earlyRenewalHours: number, hours: number): void {
  if (isUnknown(earlyRenewalHours) || earlyRenewalHours < hours) return;
  c.fail(
    "earlyRenewalHours",
    `earlyRenewalHours must be smaller than lifetimeHours ${hours}; got ${earlyRenewalHours}: the PAT would be created inside its renewal window and replaced on every up. Give an earlyRenewalHours below ${hours}, or a longer lifetimeHours.`,
  );
}

/** A fixed `expirationDate`, normalized; in the future and outside its renewal window. */
function expirationDateOf(
  c: InputChecker,
  value: unknown,
  earlyRenewalHours: number,
): string | undefined {
  const text = c.requiredString("expirationDate", value, {
    test: {
      ok: (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)),
      allowed: 'an RFC 3339 timestamp such as "2027-12-31T23:59:59Z"',
    },
  });
  if (text === undefined || isUnknown(text)) return text;
  const expirationDate = formatInstant(text);
  const at = now();
  const expiry = Date.parse(expirationDate);
  if (expiry <= at.getTime()) {
    c.fail(
      "expirationDate",
      `expirationDate must be in the future (now is ${formatInstant(at)}); got ${show(value)}. Give a later RFC 3339 timestamp, or use lifetimeHours.`,
    );
  } else if (
    !isUnknown(earlyRenewalHours) &&
    isRenewalDue(new Date(expiry), earlyRenewalHours, at)
  ) {
    // The largest window that has not opened yet (it opens strictly after now).
    const largestWindow = Math.ceil((expiry - at.getTime()) / HOUR_MS) - 1;
    c.fail(
      "expirationDate",
      `expirationDate ${show(value)} is already inside its renewal window: earlyRenewalHours ${earlyRenewalHours} opens it at ${formatInstant(renewalStartsAt(new Date(expiry), earlyRenewalHours))} and now is ${formatInstant(at)}, so every up would replace the PAT with another of the same date. Use lifetimeHours (hours from creation: each renewal gets a later date), or give a later expirationDate, or an earlyRenewalHours of at most ${largestWindow}.`,
    );
  }
  return expirationDate;
}
