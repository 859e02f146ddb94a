/**
 * Turns a stack's resources into the rows of the demo's "what was issued" table. Each certplane type
 * says what a reader wants to see of it; other types (e.g. `@pulumi/tls` keys) are not listed.
 */

/** A resource as both engines report it: type token, name and plain outputs. */
export interface IssuedResource {
  type: string;
  name: string;
  outputs: Record<string, unknown>;
}

/** One row of the table. */
export interface IssuedRow {
  resource: string;
  kind: string;
  vendor: string;
  /** Subject, principals or name: who or what the credential is for. */
  subject: string;
  /** Key algorithm, serial or id: how to tell this credential from another. */
  identity: string;
  notAfter: string;
  validated: string;
}

/** The table's column titles, in {@link IssuedRow} order. */
export const ISSUED_HEADERS = [
  "resource",
  "kind",
  "vendor",
  "subject / principals",
  "key / serial",
  "not after",
  "validated",
];

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/certplane:";

type Describe = (outputs: Record<string, unknown>) => Omit<IssuedRow, "resource" | "kind">;

const text = (value: unknown): string =>
  value === undefined || value === null || value === "" ? "-" : String(value);

/** `CN=nso-user, O=Example` from a CertificateRequest's subject input. */
function subjectLine(subject: unknown): string {
  if (!subject || typeof subject !== "object") return "-";
  const parts: [string, string][] = [
    ["CN", "commonName"],
    ["OU", "organizationalUnit"],
    ["O", "organization"],
    ["L", "locality"],
    ["ST", "province"],
    ["C", "country"],
  ];
  const fields = subject as Record<string, unknown>;
  const shown = parts
    .filter(([, key]) => fields[key])
    .map(([label, key]) => `${label}=${fields[key] as string}`);
  return shown.length > 0 ? shown.join(", ") : "-";
}

function keyLine(outputs: Record<string, unknown>): string {
  const algorithm = text(outputs.algorithm);
  const size = outputs.rsaBits ?? outputs.ecdsaCurve;
  const fingerprint =
    typeof outputs.publicKeyFingerprintSha256 === "string"
      ? ` ${outputs.publicKeyFingerprintSha256.slice(0, 20)}…`
      : "";
  return `${algorithm}${size ? ` ${String(size)}` : ""}${fingerprint}`;
}

/** `2027-02-23` from an RFC 3339 instant. */
const day = (value: unknown): string => (typeof value === "string" ? value.slice(0, 10) : "-");

const DESCRIBERS: Record<string, Describe> = {
  AppViewXSshCertificate: (outputs) => ({
    vendor: "AppViewX",
    subject: `${text(outputs.certType)} ${Array.isArray(outputs.principals) ? outputs.principals.join(",") : "-"}`,
    identity: `serial ${text(outputs.serialNumber)}`,
    notAfter: day(outputs.notAfter),
    validated: "-",
  }),
  NetFoundryClientCertificate: (outputs) => ({
    vendor: "NetFoundry",
    subject: `${text(outputs.subject)} as "${text(outputs.name)}"`,
    identity: `serial ${text(outputs.serialNumber).slice(0, 16)}…`,
    notAfter: day(outputs.notAfter),
    validated: "-",
  }),
  OracleSbcCertificateRecord: (outputs) => ({
    vendor: "Oracle SBC",
    subject: `CN=${text(outputs.commonName)} (device key)`,
    identity: `record ${text(outputs.recordName)}`,
    notAfter: "-",
    validated: "-",
  }),
  OracleSbcCertificateImport: (outputs) => ({
    vendor: "Oracle SBC",
    subject: `imported into ${text(outputs.recordName)}`,
    identity: `${text(outputs.fingerprintSha256).slice(0, 23)}…`,
    notAfter: day(outputs.notAfter),
    validated: "-",
  }),
  PcaPersonalAccessToken: (outputs) => ({
    vendor: "Cisco PCA (Zitadel)",
    subject: `user ${text(outputs.userId)}`,
    identity: `token id ${text(outputs.tokenId)}`,
    notAfter: day(outputs.expirationDate),
    validated: "-",
  }),
  PcaSignedCertificate: (outputs) => ({
    vendor: "Cisco PCA",
    subject: text(outputs.subject),
    identity: `serial ${text(outputs.serialNumber).slice(0, 16)}…`,
    notAfter: day(outputs.notAfter),
    validated: outputs.validated === undefined ? "-" : outputs.validated ? "yes" : "NO",
  }),
  CertificateRequest: (outputs) => ({
    vendor: "local",
    subject: subjectLine(outputs.subject),
    identity: keyLine(outputs),
    notAfter: "-",
    validated: "-",
  }),
};

/**
 * The rows for every certplane resource among `resources`, in the given order.
 * @param resources - the stack's resources
 */
export function issuedRows(resources: IssuedResource[]): IssuedRow[] {
  const rows: IssuedRow[] = [];
  for (const resource of resources) {
    if (!resource.type.startsWith(DYNAMIC_PREFIX)) continue;
    const kind = resource.type.slice(DYNAMIC_PREFIX.length);
    const describe = DESCRIBERS[kind];
    const described = describe
      ? describe(resource.outputs)
      : {
          vendor: "-",
          subject: "-",
          identity: "-",
          notAfter: text(resource.outputs.notAfter),
          validated: "-",
        };
    rows.push({ resource: resource.name, kind, ...described });
  }
  return rows;
}

/** The cells of a row, in {@link ISSUED_HEADERS} order. */
export function rowCells(row: IssuedRow): string[] {
  return [
    row.resource,
    row.kind,
    row.vendor,
    row.subject,
    row.identity,
    row.notAfter,
    row.validated,
  ];
}
