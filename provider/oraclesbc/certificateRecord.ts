/**
 * Hooks of `oraclesbc.CertificateRecord`: a certificate-record on an Oracle SBC whose key is generated
 * on the device (it never leaves it) and whose CSR comes back as `certRequestPem`.
 * - check: validate and normalize (./certificateRecordInputs); never calls the device;
 * - diff: name replaces; record attributes update in place (and regenerate the CSR);
 * - create: lock → POST configElements (409 → adopt with adoptExisting, or a record exactly as
 *   declared holding no certificate: one left by a killed run, ./leftRecord.ts) → PUT
 *   certificates/generateRequest → save/verify/activate (saveAndActivate) → unlock;
 * - read: GET configElements by name; drift shows as the device's attribute values; gone → no id;
 * - update: lock → PUT configElements (changed attributes) → generateRequest reGenerate=true →
 *   save/verify/activate → unlock;
 * - delete: lock → DELETE configElements (404 = gone) → save/verify/activate → unlock.
 */
import { PartialCreateError, safeMessage, VendorApiError } from "../core/errors";
import { cleanOutputs, sameValue, withoutProvider } from "../core/hooks";
import { checkHook } from "../core/checkHook";
import { diffResult, inputChanges } from "../core/fieldDiff";
import { SbcClient } from "./client";
import { resolveSbcConnection } from "./connection";
import { withConfigurationLock } from "./deviceLock";
import { adoptLeftRecord } from "./leftRecord";
import {
  ATTRIBUTE_OF,
  changedAttributes,
  checkCertificateRecord,
  inputsFromDevice,
  recordAttributes,
  type CertificateRecordInputs,
  RESOURCE,
  sameAttribute,
} from "./certificateRecordInputs";

export { configure } from "../core/hooks";

/** Outputs: every input echoed plus the device's CSR. */
export interface CertificateRecordOutputs extends CertificateRecordInputs {
  /** The record name on the device (= id). */
  recordName: string;
  /** PKCS#10 PEM generated on the device for the device's key. */
  certRequestPem: string;
  schemaVersion: number;
}

/** Pulumi `check`: the validator behind the shared check plumbing (core/checkHook.ts). */
export const check = checkHook(checkCertificateRecord, RESOURCE);

/** Pulumi `diff`: a new name replaces; a changed attribute updates in place. */
export async function diff(
  _id: string,
  olds: CertificateRecordOutputs,
  news: CertificateRecordInputs,
) {
  // An omitted attribute is the device default: spelling the default out (or leaving it out of an
  // imported record's inputs) is no change.
  const same = Object.fromEntries(
    ATTRIBUTE_OF.map(([prop]) => [prop, (next: unknown) => sameAttribute(prop, olds[prop], next)]),
  );
  const changes = inputChanges(RESOURCE, olds, news, { same });
  // A partial create (record made, CSR missing) is finished by an update.
  if (!olds.certRequestPem) changes.updates.push("certRequestPem");
  return diffResult(changes);
}

function clientFor(inputs: { connection?: Record<string, unknown> }): SbcClient {
  return new SbcClient(resolveSbcConnection(inputs.connection));
}

function outputs(
  inputs: CertificateRecordInputs,
  certRequestPem: string,
): CertificateRecordOutputs {
  return cleanOutputs({ ...inputs, recordName: inputs.name, certRequestPem });
}

/**
 * After a POST whose answer was lost (timeout, reset after sending, a garbled body), whether the
 * record exists as this POST asked: the lock is still held, so nobody else can have made it since,
 * and a record with exactly these attributes is the one to keep (not an orphan, and no 409 later).
 */
async function madeByLostPost(
  client: SbcClient,
  inputs: CertificateRecordInputs,
  err: unknown,
): Promise<boolean> {
  if (!(err instanceof VendorApiError) || !err.ambiguous) return false;
  const onDevice = await client.getRecord(inputs.name);
  if (!onDevice) return false;
  return Object.entries(recordAttributes(inputs)).every(([attribute, values]) =>
    sameValue(onDevice[attribute], values),
  );
}

/** Pulumi `create`. */
export async function create(news: Record<string, unknown>) {
  const inputs = withoutProvider(news) as unknown as CertificateRecordInputs;
  const client = clientFor(inputs);
  let created = false;
  let regenerate = false;
  let certRequestPem = "";
  try {
    await withConfigurationLock(client, async () => {
      try {
        await client.createRecord(recordAttributes(inputs));
      } catch (err) {
        if (await madeByLostPost(client, inputs, err)) {
          // Ours after all: carry on as if the answer had arrived.
        } else if ((err as VendorApiError).status !== 409) {
          throw err;
        } else if (!inputs.adoptExisting) {
          // A run killed after its POST leaves the record behind: that one is ours (./leftRecord.ts).
          await adoptLeftRecord(client, inputs);
        } else {
          // Adopt: converge the attributes; a CSR made for other attributes is regenerated.
          const before = await client.getRecord(inputs.name);
          const after = await client.updateRecord(recordAttributes(inputs));
          regenerate = !sameValue(before, after);
        }
      }
      created = true;
      certRequestPem = await client.generateRequest(inputs.name, regenerate);
      if (inputs.saveAndActivate) await client.saveVerifyActivate();
    });
  } catch (err) {
    if (!created) throw err;
    const partial = { ...outputs(inputs, certRequestPem) } as Record<string, unknown>;
    if (!certRequestPem) delete partial.certRequestPem;
    throw new PartialCreateError(
      inputs.name,
      partial,
      [
        `Oracle SBC certificate-record "${inputs.name}" was created` +
          (certRequestPem ? " and its CSR generated" : "") +
          `, but a later step failed: ${safeMessage(err)} The next up finishes it.`,
      ],
      news,
    );
  }
  return { id: inputs.name, outs: outputs(inputs, certRequestPem) };
}

/** Pulumi `read` (refresh): the device's view of the attributes the user set. */
export async function read(id: string, props: Record<string, unknown>) {
  const state = withoutProvider(props) as unknown as CertificateRecordOutputs;
  const client = clientFor(state);
  const device = await client.getRecord(id);
  if (!device) return { id: "", props: {} };
  return { id, props: { ...state, ...inputsFromDevice(state, device) } };
}

/** Pulumi `update`: PUT the changed attributes and regenerate the CSR. */
export async function update(
  _id: string,
  olds: CertificateRecordOutputs,
  news: Record<string, unknown>,
) {
  const inputs = withoutProvider(news) as unknown as CertificateRecordInputs;
  const client = clientFor(inputs);
  const changes = changedAttributes(olds, inputs);
  const regenerate = Object.keys(changes).length > 0 || !olds.certRequestPem;
  if (!regenerate) return { outs: outputs(inputs, olds.certRequestPem) };
  let certRequestPem = olds.certRequestPem;
  await withConfigurationLock(client, async () => {
    if (Object.keys(changes).length > 0)
      await client.updateRecord({ name: [inputs.name], ...changes });
    certRequestPem = await client.generateRequest(inputs.name, Object.keys(changes).length > 0);
    if (inputs.saveAndActivate) await client.saveVerifyActivate();
  });
  return { outs: outputs(inputs, certRequestPem) };
}

/** Pulumi `delete`: DELETE the element (404 = already gone), then save/activate. */
export async function remove(id: string, props: CertificateRecordOutputs): Promise<void> {
  const client = clientFor(props);
  await withConfigurationLock(client, async () => {
    const existed = await client.deleteRecord(id);
    if (existed && props.saveAndActivate !== false) await client.saveVerifyActivate();
  });
}
export { remove as delete };
