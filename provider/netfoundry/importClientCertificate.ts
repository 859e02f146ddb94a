/**
 * Import of `netfoundry.ClientCertificate` (the native plugin's Read with an id and no state): a
 * certificate belongs to a Frontdoor and NetFoundry reads it only under that Frontdoor
 * (`GET /frontdoor/{frontdoorId}/client-certificates/{certificateId}`), so the import id is
 * `<frontdoorId>/<certificateId>`, or `<certificateId>` alone for the Frontdoor of the settings
 * (`certplane:netfoundryFrontdoorId`, `CERTPLANE_NETFOUNDRY_FRONTDOOR_ID`), where `check` finds it
 * for a program that leaves `frontdoorId` out. The resource's id stays the certificate id, as after a
 * create.
 *
 * NetFoundry gives back the name and the certificate it holds, not the CSR it may have been signed
 * from, so the certificate is imported as held: inputs `name`, `certificatePem`, and `frontdoorId`
 * when the id named it.
 */
import { stringField } from "../core/connection";
import { declaredInputs, ImportIdError, importIdParts } from "../core/importedInputs";
import { check, read, type ClientCertificateOutputs } from "./clientCertificate";
import { NetfoundryClient } from "./client";
import { RESOURCE } from "./clientCertificateInputs";
import { resolveNetfoundryConnection } from "./connection";

/** The accepted import ids. */
export const IMPORT_ID_FORMATS = [["frontdoorId", "certificateId"], ["certificateId"]] as const;

const EXAMPLE = "3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c/cert-123e4567-e89b-12d3-a456-426614174000";

/**
 * Reads NetFoundry client certificate `importId` (`<frontdoorId>/<certificateId>`) for an import:
 * its id, outputs and declared inputs; `{}` when it does not exist.
 * @param importId - the id given to `pulumi import` or the `import` option
 */
export async function importClientCertificate(importId: string) {
  const parts = importIdParts(importId, IMPORT_ID_FORMATS, "netfoundry.ClientCertificate", EXAMPLE);
  const { certificateId } = parts;
  const connection = resolveNetfoundryConnection(undefined);
  const frontdoorId = parts.frontdoorId ?? stringField(connection, "frontdoorId");
  if (frontdoorId === undefined) {
    throw new ImportIdError(
      `netfoundry.ClientCertificate cannot be imported by id "${importId}": a certificate is read ` +
        `under its Frontdoor, and none is named. Give the id as "<frontdoorId>/<certificateId>", ` +
        `e.g. "${EXAMPLE}", or set stack config certplane:netfoundryFrontdoorId or env ` +
        `CERTPLANE_NETFOUNDRY_FRONTDOOR_ID.`,
    );
  }
  const info = await new NetfoundryClient(connection).get(frontdoorId, certificateId);
  if (!info?.value) return {};
  const { inputs } = await check({}, { frontdoorId, name: info.name, certificatePem: info.value });
  const found = await read(certificateId, inputs);
  if (!found.props) return {};
  const outputs = found.props as ClientCertificateOutputs;
  const declared = declaredInputs(RESOURCE, inputs);
  // Found from the settings: a program leaving it out resolves the same one at check.
  if (parts.frontdoorId === undefined) delete declared.frontdoorId;
  return { id: certificateId, props: outputs, inputs: declared };
}
