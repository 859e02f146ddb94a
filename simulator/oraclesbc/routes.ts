// The SBC REST v1.2 routes (seed 003 for generateRequest; vendor-apis.md section 1 for the rest).
// Every handler runs the same gate first: supported version, Accept/Content-Type, Bearer token; every
// configuration-modifying handler then requires the caller's token to hold the lock (423 otherwise).
import { X509Certificate } from "node:crypto";
import type { SimRequest } from "../core/request";
import { ResponseError, type SimResponse } from "../core/response";
import { route, type Route } from "../core/router";
import { generateDeviceKey } from "./deviceKeys";
import { SbcDevice, short, type DeviceRecord, type ManagementAction } from "./device";
import { attributeProblem, defaultAttributes, type RecordAttributes } from "./recordAttributes";
import { asList, envelope, noContent, sbcError, type XmlData } from "./xmlEnvelope";

/** The one supported API version. */
export const API_VERSION = "v1.2";
const ELEMENT_TYPE = "certificate-record";
/** The two documented 423 texts (vendor-apis.md 1.3). */
export const LOCKED_BY_OTHER = "Resource locked by another user";
export const NOT_LOCK_OWNER = "User does not have the lock";

function fail(status: number, message: string): never {
  throw new ResponseError(sbcError(status, message), message);
}

function checkVersion(request: SimRequest): void {
  if (request.params.version !== API_VERSION) fail(404, "Unsupported versionId in URI");
}

function checkMedia(request: SimRequest, bodyType = "application/xml"): void {
  const accept = request.header("accept");
  if (accept && !/application\/xml|\*\/\*|application\/\*/i.test(accept))
    fail(406, `Not acceptable: ${accept} (this API produces application/xml)`);
  if (request.body.length > 0 && request.contentType() !== bodyType)
    fail(415, `Unsupported media type: ${request.contentType() || "none"} (expected ${bodyType})`);
}

function bearer(device: SbcDevice, request: SimRequest): string {
  const match = /^Bearer (\S+)$/.exec(request.header("authorization") ?? "");
  if (!match || !device.tokenValid(match[1])) fail(401, "Client not authorized");
  return match[1];
}

/** The gate of a read call: version, media types, token. */
function reader(device: SbcDevice, request: SimRequest): string {
  checkVersion(request);
  checkMedia(request);
  return bearer(device, request);
}

/** The gate of a configuration-modifying call: a reader that also holds the lock. */
function writer(device: SbcDevice, request: SimRequest): string {
  const token = reader(device, request);
  const call = `${request.method} ${request.path}`;
  if (!device.holds(token)) {
    device.record("config-denied", short(token), call);
    fail(423, device.currentHolder() ? LOCKED_BY_OTHER : NOT_LOCK_OWNER);
  }
  device.record("config", short(token), call);
  return token;
}

function requiredQuery(request: SimRequest, name: string): string {
  const value = request.query.get(name);
  if (!value) fail(400, `Missing required query parameter: ${name}`);
  return value;
}

function elementXml(name: string, record: DeviceRecord): XmlData {
  return {
    configElement: {
      elementType: ELEMENT_TYPE,
      attribute: Object.entries(record.attributes).map(([attr, values]) => ({
        name: attr,
        value: values.length === 1 ? values[0] : values,
      })),
    },
  };
}

/** Reads `<configElement>` from a body into attribute values; 400 for a wrong shape or value. */
function parseElement(request: SimRequest): RecordAttributes {
  let doc: Record<string, unknown>;
  try {
    doc = request.xml();
  } catch {
    fail(400, "Request body is not well-formed XML");
  }
  const element = doc.configElement as Record<string, unknown> | undefined;
  if (!element || typeof element !== "object") fail(400, "request body not found: configElement");
  if (element.elementType !== ELEMENT_TYPE)
    fail(400, `Unsupported elementType: ${String(element.elementType)}`);
  const attributes: RecordAttributes = {};
  for (const item of asList(element.attribute)) {
    const entry = item as Record<string, unknown>;
    const name = String(entry.name ?? "");
    const values = asList(entry.value).map((v) => (typeof v === "string" ? v : ""));
    const problem = attributeProblem(name, values.length > 0 ? values : [""]);
    if (problem) fail(400, problem);
    attributes[name] = values.length > 0 ? values : [""];
  }
  if (!attributes.name?.[0]) fail(400, "Missing key attribute: name");
  return attributes;
}

function recordOr404(device: SbcDevice, name: string): DeviceRecord {
  const record = device.records.get(name);
  if (!record) fail(404, `Element instance not found: certificate-record ${name}`);
  return record;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function certificateDetail(pem: string): string {
  const cert = new X509Certificate(pem);
  return [
    `Subject: ${cert.subject.replace(/\n/g, ", ")}`,
    `Issuer: ${cert.issuer.replace(/\n/g, ", ")}`,
    `Serial Number: ${cert.serialNumber}`,
    `Not Before: ${cert.validFrom}`,
    `Not After: ${cert.validTo}`,
  ].join("\n");
}

/**
 * Runs a management action: a synchronous one answers 200 with its result and leaves asyncstatus
 * alone; otherwise a job starts and the answer is 202 with where to poll.
 */
function runAction(device: SbcDevice, operation: ManagementAction, version: string): SimResponse {
  if (device.settings.synchronousActions.includes(operation))
    return envelope(200, { operationState: { operation, status: "success" } });
  device.job = { operation, doneAt: Date.now() + device.settings.jobDurationMs };
  return envelope(202, undefined, [], [`/rest/${version}/admin/asyncstatus`]);
}

/**
 * The routes of one device.
 * @param device - the device state
 */
export function sbcRoutes(device: SbcDevice): Route[] {
  const base = "/rest/:version";
  return [
    route("POST", `${base}/auth/token`, (request) => {
      checkVersion(request);
      checkMedia(request, "application/x-www-form-urlencoded");
      const basic = /^Basic (\S+)$/.exec(request.header("authorization") ?? "");
      const [user, ...rest] = Buffer.from(basic?.[1] ?? "", "base64")
        .toString("utf8")
        .split(":");
      if (!basic || user !== device.username || rest.join(":") !== device.password)
        fail(401, "Client not authorized");
      const token = device.issueToken(user);
      // Re-authentication with the current token in a form body keeps the lock (field name `token`:
      // unconfirmed, vendor-apis.md 1.4).
      const previous = request.body.length > 0 ? request.form().get("token") : null;
      if (previous && device.tokenValid(previous) && device.holds(previous)) {
        device.lock = { kind: "token", token };
        device.record("lock-transferred", short(token));
      }
      return envelope(200, { accessToken: token });
    }),
    route("POST", `${base}/configuration/lock`, (request) => {
      const token = reader(device, request);
      const holder = device.currentHolder();
      if (holder) {
        device.record("lock-denied", short(token));
        fail(423, LOCKED_BY_OTHER);
      }
      device.lock = { kind: "token", token };
      device.record("lock", short(token));
      return noContent();
    }),
    route("POST", `${base}/configuration/unlock`, (request) => {
      const token = reader(device, request);
      const holder = device.currentHolder();
      if (!holder || holder.kind !== "token" || holder.token !== token) {
        device.record("unlock-denied", short(token));
        fail(423, holder ? LOCKED_BY_OTHER : NOT_LOCK_OWNER);
      }
      device.lock = undefined;
      device.record("unlock", short(token));
      return noContent();
    }),
    route("GET", `${base}/configuration/elementTypes/template`, (request) => {
      reader(device, request);
      if (requiredQuery(request, "elementType") !== ELEMENT_TYPE)
        fail(404, `Unsupported elementType: ${request.query.get("elementType")}`);
      return envelope(200, elementXml("", { attributes: defaultAttributes() }));
    }),
    route("GET", `${base}/configuration/configElements`, (request) => {
      reader(device, request);
      if (requiredQuery(request, "elementType") !== ELEMENT_TYPE)
        fail(404, `Unsupported elementType: ${request.query.get("elementType")}`);
      const name = request.query.get("name");
      if (name !== null) return envelope(200, elementXml(name, recordOr404(device, name)));
      return envelope(200, {
        configElement: [...device.records].map(
          ([key, record]) => elementXml(key, record).configElement,
        ),
      });
    }),
    route("POST", `${base}/configuration/configElements`, (request) => {
      writer(device, request);
      const given = parseElement(request);
      const name = given.name[0];
      if (device.records.has(name))
        fail(409, `Element instance already exists: certificate-record ${name}`);
      const record: DeviceRecord = { attributes: { ...defaultAttributes(), ...given } };
      device.records.set(name, record);
      return envelope(200, elementXml(name, record));
    }),
    route("PUT", `${base}/configuration/configElements`, (request) => {
      writer(device, request);
      const given = parseElement(request);
      const record = recordOr404(device, given.name[0]);
      record.attributes = { ...record.attributes, ...given };
      return envelope(200, elementXml(given.name[0], record));
    }),
    route("DELETE", `${base}/configuration/configElements`, (request) => {
      writer(device, request);
      if (requiredQuery(request, "elementType") !== ELEMENT_TYPE)
        fail(404, `Unsupported elementType: ${request.query.get("elementType")}`);
      const name = requiredQuery(request, "name");
      recordOr404(device, name);
      device.records.delete(name);
      return noContent();
    }),
    route("PUT", `${base}/configuration/certificates/generateRequest`, async (request) => {
      writer(device, request);
      const name = requiredQuery(request, "recordName");
      const record = recordOr404(device, name);
      const regenerate = request.query.get("reGenerate") === "true";
      if (!record.csrPem || regenerate) {
        if (device.settings.generateLatencyMs > 0) await sleep(device.settings.generateLatencyMs);
        const key = await generateDeviceKey(record.attributes);
        record.privateKeyPem = key.privateKeyPem;
        record.csrPem = key.csrPem;
      }
      return envelope(200, {
        CertificateRequest: { recordName: name, certificateSignedRequest: record.csrPem },
      });
    }),
    route("GET", `${base}/configuration/certificates`, (request) => {
      reader(device, request);
      const name = requiredQuery(request, "recordName");
      const format = requiredQuery(request, "format");
      const record = recordOr404(device, name);
      if (!record.certificatePem)
        fail(404, `No certificate imported in certificate-record ${name}`);
      if (format !== "pem" && format !== "detail") fail(404, `Unsupported format: ${format}`);
      const body =
        format === "pem" ? record.certificatePem : certificateDetail(record.certificatePem);
      return envelope(200, { CertificateRecordDetails: { certificateRecord: body } });
    }),
    route("PUT", `${base}/configuration/certificates/import`, (request) => {
      writer(device, request);
      let doc: Record<string, unknown>;
      try {
        doc = request.xml();
      } catch {
        fail(400, "Request body is not well-formed XML");
      }
      const body = doc.ImportCertificate as Record<string, unknown> | undefined;
      if (!body || typeof body !== "object") fail(400, "request body not found: ImportCertificate");
      const name = String(body.recordName ?? "");
      const record = recordOr404(device, name);
      if (body.format !== "x509" && body.format !== "try-all")
        fail(400, `Unsupported format: ${String(body.format)} (x509)`);
      const pem = String(body.certificateRequest ?? "");
      const leaf = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
      if (!leaf) fail(400, "Invalid certificate: no PEM certificate in certificateRequest");
      let matches: boolean;
      try {
        matches = SbcDevice.keyMatches(record, leaf);
      } catch {
        fail(400, "Invalid certificate: the PEM cannot be parsed");
      }
      if (!matches)
        fail(400, `Certificate does not match the private key of certificate-record ${name}`);
      if (record.certificatePem && body.overwrite !== "true")
        fail(409, `Certificate already imported in certificate-record ${name}; set overwrite`);
      record.certificatePem = `${leaf}\n`;
      return envelope(200, { recordName: name });
    }),
    route("PUT", `${base}/configuration/management`, (request) => {
      writer(device, request);
      const action = requiredQuery(request, "action");
      if (action !== "save" && action !== "verify")
        fail(400, `Unsupported action for PUT: ${action} (save, verify)`);
      return runAction(device, action, API_VERSION);
    }),
    route("POST", `${base}/configuration/management`, (request) => {
      writer(device, request);
      const action = requiredQuery(request, "action");
      if (action !== "activate") fail(400, `Unsupported action for POST: ${action} (activate)`);
      return runAction(device, action, API_VERSION);
    }),
    route("GET", `${base}/admin/asyncstatus`, (request) => {
      reader(device, request);
      const job = device.job;
      if (!job) return envelope(200, { operationState: { operation: "none", status: "idle" } });
      const status = Date.now() >= job.doneAt ? "success" : "inProgress";
      return envelope(200, { operationState: { operation: job.operation, status } });
    }),
  ];
}
