/**
 * Hooks of `pca.PersonalAccessToken`: seed 001's PAT for gNMI, created through Zitadel's management
 * API, rotated before it expires and deleted with the stack.
 * - create: userId (or users/me) → `POST …/pats` with the fixed expirationDate, or now (provider
 *   clock) + lifetimeHours; the token is a secret output, shown nowhere else; the date is kept in
 *   state, so a renewal (a new create) gets a later one;
 * - read: `GET …/pats/{tokenId}`; gone → no id (Pulumi drops it; the next up creates a new one);
 * - diff: expirationDate, lifetimeHours, userId, organizationId or the renewal window → replace
 *   (create before delete: the new token exists before the old one is removed); a date computed
 *   from lifetimeHours is no input, so it never differs; connection, earlyRenewalHours → update
 *   with no call;
 * - delete: `DELETE …/pats/{tokenId}`; not found counts as deleted.
 */
import { createPatOnce } from "./createPatOnce";
import { CertplaneError } from "../core/errors";
import { cleanOutputs, SCHEMA_VERSION, withoutProvider } from "../core/hooks";
import { diffResult, inputChanges, renewalDue } from "../core/fieldDiff";
import { checkHook } from "../core/checkHook";
import { now } from "../core/clock";
import { formatInstant, sameInstant } from "../core/instant";
import { isRenewalDue } from "../core/renewal";
import {
  checkPersonalAccessToken,
  type PersonalAccessTokenInputs,
  RESOURCE,
} from "./personalAccessTokenInputs";
import { ZitadelClient } from "./zitadelClient";
import { resolveZitadelConnection } from "./zitadelConnection";

export { configure } from "../core/hooks";

const HOUR_MS = 3_600_000;

/** Outputs: inputs echoed plus the token. */
export interface PersonalAccessTokenOutputs extends PersonalAccessTokenInputs {
  /** The fixed date, or creation + lifetimeHours (RFC 3339 UTC). */
  expirationDate: string;
  /** The PAT secret (secret output). */
  token: string;
  tokenId: string;
  /** The owner (resolved from users/me when the input was omitted). */
  userId: string;
  readyForRenewal: boolean;
  schemaVersion: number;
}

function client(inputs: PersonalAccessTokenInputs): ZitadelClient {
  return new ZitadelClient(resolveZitadelConnection(inputs.connection), inputs.organizationId);
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkPersonalAccessToken, RESOURCE);

/**
 * Pulumi `diff`. An omitted userId means "the caller": the resolved one in state is not a change.
 * With lifetimeHours the expirationDate in state was computed at create: no input to compare with
 * (lifetimeHours decides, and a switch between the two modes changes lifetimeHours). A fixed date
 * compares as an instant, so state written in another time format reads the same.
 */
export async function diff(
  _id: string,
  olds: PersonalAccessTokenOutputs,
  news: PersonalAccessTokenInputs,
) {
  const changes = inputChanges(RESOURCE, olds, news, {
    same: {
      userId: (next) => next === undefined || next === olds.userId,
      expirationDate: (next) =>
        next === undefined
          ? news.lifetimeHours !== undefined
          : sameInstant(next, olds.expirationDate),
    },
  });
  if (renewalDue(olds, news, "expirationDate")) changes.replaces.push("expirationDate");
  return diffResult(changes);
}

/**
 * The date the new PAT expires: the fixed one, or now + lifetimeHours (provider clock, to the
 * second). A fixed date that passed since check is refused here, before any call.
 */
function expirationFor(inputs: PersonalAccessTokenInputs): string {
  const at = now();
  if (inputs.lifetimeHours !== undefined)
    return formatInstant(at.getTime() + inputs.lifetimeHours * HOUR_MS);
  const expirationDate = inputs.expirationDate as string;
  if (Date.parse(expirationDate) <= at.getTime()) {
    throw new CertplaneError(
      `expirationDate ${expirationDate} is not in the future; give a later RFC 3339 timestamp, or use lifetimeHours.`,
    );
  }
  return expirationDate;
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as PersonalAccessTokenInputs;
  const expirationDate = expirationFor(inputs);
  const zitadel = client(inputs);
  const userId = inputs.userId ?? (await zitadel.myUserId());
  const pat = await createPatOnce(zitadel, userId, expirationDate);
  const outs = cleanOutputs({
    ...inputs,
    expirationDate,
    userId,
    tokenId: pat.tokenId,
    token: pat.token,
    readyForRenewal: isRenewalDue(expirationDate, inputs.earlyRenewalHours),
    schemaVersion: SCHEMA_VERSION,
  });
  return { id: pat.tokenId, outs };
}

/** Pulumi `read`: a PAT deleted out of band reads as gone. */
export async function read(id: string, props: Record<string, unknown>) {
  const olds = withoutProvider(props) as unknown as PersonalAccessTokenOutputs;
  const found = await client(olds).getPat(olds.userId, id);
  if (!found) return {};
  return {
    id,
    props: cleanOutputs({
      ...olds,
      readyForRenewal: isRenewalDue(olds.expirationDate, olds.earlyRenewalHours),
    }),
  };
}

/** Pulumi `update`: connection or earlyRenewalHours only; no Zitadel call. */
export async function update(
  _id: string,
  olds: PersonalAccessTokenOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as PersonalAccessTokenInputs;
  const { __provider: _p, ...old } = olds as PersonalAccessTokenOutputs & { __provider?: string };
  return {
    outs: cleanOutputs({
      ...old,
      ...inputs,
      userId: old.userId,
      readyForRenewal: isRenewalDue(old.expirationDate, inputs.earlyRenewalHours),
    }),
  };
}

/** Pulumi `delete`. */
export async function remove(id: string, props: PersonalAccessTokenOutputs): Promise<void> {
  await client(props).deletePat(props.userId, id);
}

export { remove as delete };
