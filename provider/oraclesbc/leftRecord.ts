/**
 * A certificate-record that already exists when `create` POSTs it (409) and `adoptExisting` is off.
 *
 * A run whose provider process was killed after the POST (a cancelled CI job, an OOM kill) leaves
 * the record on the device while Pulumi never recorded it, so the next `up` creates it again. The
 * device cannot carry a certplane marker (a certificate-record has no free-text attribute, and an
 * unknown attribute is refused), so such a record is recognised by what it is: exactly the declared
 * attributes (an omitted one at the device default) and no imported certificate (a record in use
 * holds one). That record is adopted — carrying on as if the POST had just answered — and anything
 * else is refused with the differences and the one-line fixes.
 */
import { CertplaneError } from "../core/errors";
import { log } from "../core/log";
import { attributesDiffering, type CertificateRecordInputs } from "./certificateRecordInputs";
import type { SbcClient } from "./client";

/**
 * Returns when the existing record `inputs.name` may be taken as this create's (logging so);
 * throws, saying why not and how to fix it, otherwise. Called holding the configuration lock.
 * @param client - the device client
 * @param inputs - the create's checked inputs
 */
export async function adoptLeftRecord(
  client: SbcClient,
  inputs: CertificateRecordInputs,
): Promise<void> {
  const device = await client.getRecord(inputs.name);
  const differing = device ? attributesDiffering(inputs, device) : [];
  const holdsCertificate = device
    ? (await client.getCertificatePem(inputs.name)) !== undefined
    : false;
  if (device && differing.length === 0 && !holdsCertificate) {
    log.info(
      `Oracle SBC certificate-record "${inputs.name}" already exists on ${client.connection.url} ` +
        `with exactly the declared attributes and no certificate (as an interrupted run leaves ` +
        `it): taking it as this resource's.`,
    );
    return;
  }
  const why = !device
    ? "it vanished right after"
    : holdsCertificate
      ? "it holds an imported certificate, so it is in use"
      : `its ${differing.join(", ")} differ${differing.length === 1 ? "s" : ""} from these inputs`;
  throw new CertplaneError(
    `Oracle SBC: a certificate-record named "${inputs.name}" already exists on ` +
      `${client.connection.url} (POST configElements answered 409) and ${why}. To manage that ` +
      `record (its attributes are set to these inputs and its CSR is read), add \`adoptExisting: ` +
      `true\` to this resource, or import it: \`pulumi import ` +
      `certplane:oraclesbc:CertificateRecord <resource name> ${inputs.name}\`; otherwise choose ` +
      `another name.`,
  );
}
