// POST /distribution/sign-csr (seed 000 step 2): the raw CSR in, the signed PEM certificate out.
// The certificate's subject is CN=<requestedUsername> with one OU per assigned role, in order — the
// simulator's documented choice for "username and roles embedded in the certificate" (vendor-apis.md 2.2
// leaves the real encoding unknown).
import type { SimulatorClock } from "../core/clock";
import type { CertificateAuthority } from "../core/certificateAuthority";
import type { SimRequest } from "../core/request";
import { json, type SimResponse } from "../core/response";
import { directoryName } from "../core/distinguishedName";
import { x509WithNodeCrypto } from "../core/x509";
import type { IssuedClientCertificate } from "./issued";

/** Longest validity the simulator signs for: ten years in hours. */
export const MAX_CERT_DURATION_HOURS = 87_600;
const ROLE_PATTERN = /^[A-Za-z0-9_.-]+$/;
const USERNAME_PATTERN = /^[^\s,=+<>#;"\\]+$/;

/** A PCA JSON error, `{error, message}` (the body shape is the simulator's; the real one is unknown). */
export function pcaError(status: number, error: string, message: string): SimResponse {
  return json(status, { error, message });
}

interface SignRequest {
  hours: number;
  username: string;
  roles: string[];
}

function parseQuery(request: SimRequest): SignRequest | SimResponse {
  const duration = request.query.get("certduration");
  const hours = Number(duration);
  if (
    duration === null ||
    !/^\d+$/.test(duration) ||
    hours < 1 ||
    hours > MAX_CERT_DURATION_HOURS
  ) {
    return pcaError(
      400,
      "invalid_certduration",
      `certduration must be a whole number of hours from 1 to ${MAX_CERT_DURATION_HOURS}; got ${JSON.stringify(duration)}`,
    );
  }
  const format = request.query.get("format") ?? "pem";
  if (format !== "pem") {
    return pcaError(400, "invalid_format", `format must be "pem"; got ${JSON.stringify(format)}`);
  }
  const username = request.query.get("requestedUsername") ?? "";
  if (!USERNAME_PATTERN.test(username)) {
    return pcaError(
      400,
      "invalid_username",
      `requestedUsername must be a non-empty name without spaces or DN special characters; got ${JSON.stringify(username)}`,
    );
  }
  const roles = (request.query.get("assignedRoles") ?? "").split(",").filter((role) => role !== "");
  const badRole = roles.find((role) => !ROLE_PATTERN.test(role));
  if (badRole !== undefined) {
    return pcaError(
      400,
      "invalid_roles",
      `assignedRoles holds an invalid role ${JSON.stringify(badRole)}`,
    );
  }
  return { hours, username, roles };
}

/**
 * Signs the CSR in the request body (after the caller is authorized).
 * @param chainPem - appended after the leaf when the simulator is set to answer with the chain
 * @returns the response and, on success, what was issued
 */
export async function signCsr(
  request: SimRequest,
  issuingCa: CertificateAuthority,
  clock: SimulatorClock,
  chainPem?: string,
): Promise<{ response: SimResponse; issued?: IssuedClientCertificate }> {
  const contentType = request.contentType();
  if (contentType !== "application/octet-stream") {
    const message = `Content-Type must be application/octet-stream; got ${JSON.stringify(contentType)}`;
    return { response: pcaError(415, "unsupported_media_type", message) };
  }
  const parsed = parseQuery(request);
  if ("status" in parsed) return { response: parsed };

  const x509 = x509WithNodeCrypto();
  let csr: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    csr = new x509.Pkcs10CertificateRequest(request.text().trim());
  } catch {
    return { response: pcaError(400, "invalid_csr", "the body is not a PEM or DER PKCS#10 CSR") };
  }
  if (!(await csr.verify())) {
    return { response: pcaError(400, "invalid_csr", "the CSR's signature does not verify") };
  }

  const now = clock.now();
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + parsed.hours * 3_600_000);
  const certificate = await issuingCa.issue({
    subject: directoryName([
      ["CN", parsed.username],
      ...parsed.roles.map((role): ["OU", string] => ["OU", role]),
    ]),
    publicKey: csr.publicKey,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  const issued: IssuedClientCertificate = {
    serialNumber: certificate.serialNumber,
    subject: certificate.subject,
    username: parsed.username,
    roles: parsed.roles,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    fingerprintSha256: certificate.fingerprintSha256,
  };
  const pem = [certificate.pem, ...(chainPem ? [chainPem] : [])]
    .map((block) => (block.endsWith("\n") ? block : `${block}\n`))
    .join("");
  return {
    response: {
      status: 200,
      headers: { "content-type": "application/x-pem-file" },
      body: Buffer.from(pem),
    },
    issued,
  };
}
