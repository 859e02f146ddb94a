/**
 * One HTTPS GET presenting a client certificate whose private key stays in a PKCS#11 token: the TLS
 * handshake signs with the token's key through OpenSSL's PKCS#11 engine (libp11, ./pkcs11Engine.ts).
 *
 * Why a short-lived child Node process: Node hands a key to the engine by URI
 * (`privateKeyEngine`/`privateKeyIdentifier`), but the engine finds the token's PKCS#11 library
 * only through its `MODULE_PATH` setting, which Node lets OpenSSL read from the configuration file
 * named by `OPENSSL_CONF` at process start and never later. Without it, libp11 goes through
 * p11-kit's proxy (every module registered on the machine), not the library `pkcs11.module` names.
 * So each call starts `node` with `OPENSSL_CONF` naming a configuration made for it (mode 0600, in a
 * private temporary folder removed when the child ends) whose engine section sets `MODULE_PATH` to
 * the resolved `pkcs11.module` and the engine's path. The provider's own OpenSSL is never touched.
 *
 * Through an egress proxy the child opens an HTTP CONNECT tunnel (Proxy-Authorization Basic when
 * the proxy URL holds credentials; TLS to an https:// proxy) and makes the handshake with the
 * token's key inside it, so the proxy only relays TLS records. The proxy decision is the caller's
 * (as for every other certplane call); a refused or failed tunnel is a {@link TokenTunnelError}.
 *
 * The PIN and the proxy's credentials reach the child only on its stdin (the PIN inside the key
 * URI, as `pin-value`; the credentials as the Proxy-Authorization value): never in argv, the
 * environment or a file. The child answers one JSON line on stdout; its stderr (where libp11
 * prints the URI it failed on, PIN included) is read and dropped. Messages are written here from the
 * engine's reason codes, never from the child's text, and redacted of the PIN and URI regardless.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import { CertplaneError } from "../core/errors";
import { log } from "../core/log";
import { TunnelFailure } from "../core/proxyAgent";
import { redact } from "../core/redact";
import { LOGIN_REFUSALS } from "./loginRefusals";
import type { Pkcs11Settings } from "./pkcs11Settings";

/** The engine id the generated configuration gives the engine. */
const ENGINE_ID = "pkcs11";
/** Time the child may take beyond the request timeout: starting Node and the token library. */
const START_ALLOWANCE_MS = 15_000;
/** The most of the child's stdout read (the answer body is cut at 64 KiB inside the child). */
const MAX_ANSWER_BYTES = 1 << 20;

/** What to request and how to trust the server. */
export interface TokenTlsRequest {
  /** The https:// URL to GET. */
  url: URL;
  /** Extra CA certificate(s) to trust besides the system roots (PEM). */
  caCertPem?: string;
  insecureSkipTlsVerify: boolean;
  timeoutSeconds: number;
  /** The client certificate (PEM) whose key is the token's key `settings.keyLabel`. */
  clientCertificatePem: string;
  /** The egress proxy to tunnel through, credentials included (never printed); undefined: direct. */
  proxy?: URL;
}

/** The server's answer. */
export interface TokenTlsAnswer {
  status: number;
  text: string;
}

/**
 * The token holds no private key labelled `pkcs11.keyLabel` (or the token itself was not found):
 * the key is not reachable, which a refresh records rather than fails on.
 */
export class TokenKeyNotFoundError extends CertplaneError {}

/**
 * The proxy refused the CONNECT tunnel, could not be reached, or did not answer within the timeout
 * (`failure` undefined): nothing reached the server. The message names no proxy and no credential;
 * the caller writes the proxy failure message (../core/proxyFailure.ts).
 */
export class TokenTunnelError extends CertplaneError {
  constructor(readonly failure: TunnelFailure | undefined) {
    super(
      failure === undefined
        ? "The proxy did not answer the tunnel request for the token handshake in time."
        : `The proxy failed the tunnel for the token handshake (${failure.message}).`,
    );
  }
}

/** What the child reports when the proxy failed the tunnel. */
interface ChildTunnelFailure {
  status?: number;
  statusText?: string;
  code?: string;
  timedOut?: boolean;
}

/** What the child reports when the request failed (only codes and reasons are used). */
interface ChildFailure {
  code?: string;
  library?: string;
  reason?: string;
  message?: string;
}

/**
 * The child's program: read one JSON job from stdin, open a CONNECT tunnel through `job.proxy` when
 * given, GET its URL with the engine's key, print one JSON line: `{status, text}`,
 * `{error: {code, library, reason, message}}` or `{tunnel: {status, statusText} | {code} | {timedOut}}`.
 */
const CHILD_PROGRAM = `
const http = require("node:http");
const https = require("node:https");
const tls = require("node:tls");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  input = "";
  let finished = false;
  const done = (result) => {
    if (finished) return;
    finished = true;
    process.stdout.write(JSON.stringify(result) + "\\n", () => process.exit(0));
  };
  const failed = (e) => done({ error: { code: e && e.code, library: e && e.library, reason: e && e.reason, message: String(e && e.message) } });
  if (job.proxy) tunnel(job, done, (socket) => get(job, done, failed, socket));
  else get(job, done, failed, undefined);
});
function tunnel(job, done, then) {
  const proxy = job.proxy;
  const headers = { Host: job.authority };
  if (proxy.authorization) headers["Proxy-Authorization"] = proxy.authorization;
  const options = { host: proxy.host, port: proxy.port, method: "CONNECT", path: job.authority, headers, agent: false };
  // An https:// proxy is verified against the same trust as the server, and never sees the client certificate.
  if (proxy.tls) Object.assign(options, { ca: job.ca, minVersion: "TLSv1.2" });
  let connect;
  try {
    connect = (proxy.tls ? https : http).request(options);
  } catch (e) {
    done({ tunnel: { code: (e && e.code) || "EPROXY" } });
    return;
  }
  connect.setTimeout(job.timeoutMs, () => {
    done({ tunnel: { timedOut: true } });
    connect.destroy();
  });
  connect.on("connect", (response, socket, head) => {
    connect.setTimeout(0);
    socket.setTimeout(0);
    if (response.statusCode !== 200) {
      socket.destroy();
      done({ tunnel: { status: response.statusCode, statusText: response.statusMessage || "" } });
      return;
    }
    if (head && head.length > 0) socket.unshift(head);
    then(socket);
  });
  connect.on("error", (e) => done({ tunnel: { code: (e && e.code) || "EPROXY" } }));
  connect.end();
}
function get(job, done, failed, socket) {
  const keyOptions = {
    minVersion: "TLSv1.2", ca: job.ca, rejectUnauthorized: job.rejectUnauthorized, servername: job.servername,
    cert: job.cert, privateKeyEngine: job.engine, privateKeyIdentifier: job.keyUri,
  };
  let request;
  try {
    const over = socket
      ? { createConnection: () => tls.connect({ ...keyOptions, socket }) }
      : { agent: false, ...keyOptions };
    request = https.request(job.url, {
      method: "GET", headers: { Accept: "*/*" }, ...over,
    }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => { if (text.length < 65536) text += chunk; });
      response.on("end", () => done({ status: response.statusCode, text }));
      response.on("error", failed);
    });
  } catch (e) {
    failed(e);
    return;
  }
  request.setTimeout(job.timeoutMs, () => request.destroy(Object.assign(new Error("no answer within the timeout"), { code: "ETIMEDOUT" })));
  request.on("error", failed);
  request.end();
}
`;

/** RFC 7512 percent-encoding of a PKCS#11 URI attribute value. */
function uriValue(text: string): string {
  return Array.from(Buffer.from(text, "utf8"))
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9\-._~]/.test(c)
        ? c
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

/** The key's PKCS#11 URI, PIN included: only ever written to the child's stdin. */
function keyUri(settings: Pkcs11Settings): string {
  return (
    `pkcs11:token=${uriValue(settings.tokenLabel)};object=${uriValue(settings.keyLabel)};` +
    `type=private;pin-value=${uriValue(settings.pin)}`
  );
}

/** An OpenSSL configuration value, quoted (no `$` expansion inside quotes). */
function configValue(text: string, property: string, source: string): string {
  if (/["\r\n]/.test(text)) {
    throw new CertplaneError(
      `${property} (from ${source}) must be a path without double quotes or line breaks to be ` +
        `handed to OpenSSL's PKCS#11 engine; got "${text.replace(/[\r\n]/g, " ")}".`,
    );
  }
  return `"${text}"`;
}

/**
 * The configuration the child's OpenSSL reads at start (Node's `nodejs_conf` section): the engine
 * and the token's library, nothing secret.
 */
export function opensslConfig(enginePath: string, settings: Pkcs11Settings): string {
  return [
    "nodejs_conf = certplane_init",
    "[certplane_init]",
    "engines = certplane_engines",
    "[certplane_engines]",
    `${ENGINE_ID} = certplane_pkcs11`,
    "[certplane_pkcs11]",
    `engine_id = ${ENGINE_ID}`,
    `dynamic_path = ${configValue(enginePath, "the PKCS#11 engine path", "its lookup")}`,
    `MODULE_PATH = ${configValue(settings.module, "pkcs11.module", settings.sources.module)}`,
    "init = 0",
    "",
  ].join("\n");
}

/**
 * GETs `request.url` presenting `request.clientCertificatePem` with the token key named by
 * `settings` (module, tokenLabel, keyLabel, pin) through the engine at `enginePath`
 * (./pkcs11Engine.ts), in a child process bounded by the request's timeout plus the time to start.
 * Resolves with any HTTP answer; rejects with a message naming the
 * setting to check (never the PIN or the key URI).
 */
export async function httpsGetWithTokenKey(
  request: TokenTlsRequest,
  settings: Pkcs11Settings,
  enginePath: string,
): Promise<TokenTlsAnswer> {
  const config = opensslConfig(enginePath, settings);
  if (request.insecureSkipTlsVerify) {
    log.warn(
      `TLS certificate verification is DISABLED for ${request.url.origin} (insecureSkipTlsVerify). ` +
        `Anyone on the network path can impersonate it; prefer caCertPem.`,
    );
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-pkcs11-"));
  try {
    const configFile = path.join(folder, "openssl.cnf");
    fs.writeFileSync(configFile, config, { mode: 0o600 });
    const job = {
      url: request.url.href,
      servername: request.url.hostname,
      // As the provider's own agents trust: the system roots plus the private CA, when given.
      ca: request.caCertPem ? [...tls.rootCertificates, request.caCertPem] : undefined,
      rejectUnauthorized: !request.insecureSkipTlsVerify,
      cert: request.clientCertificatePem,
      engine: ENGINE_ID,
      keyUri: keyUri(settings),
      timeoutMs: request.timeoutSeconds * 1000,
      authority: `${request.url.hostname}:${request.url.port || "443"}`,
      proxy: request.proxy ? tunnelJob(request.proxy) : undefined,
    };
    const printed = await runChild(
      JSON.stringify(job),
      configFile,
      job.timeoutMs + START_ALLOWANCE_MS,
    );
    return answerOf(printed, request, settings);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Where the child's tunnel goes, and the Proxy-Authorization value when the proxy URL holds
 * credentials (percent-decoded, as https-proxy-agent sends them for the pooled agents).
 */
function tunnelJob(proxy: URL): {
  host: string;
  port: number;
  tls: boolean;
  authorization?: string;
} {
  const secure = proxy.protocol === "https:";
  const credentials =
    proxy.username || proxy.password
      ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
      : undefined;
  return {
    host: proxy.hostname.replace(/^\[|\]$/g, ""),
    port: Number(proxy.port || (secure ? 443 : 80)),
    tls: secure,
    authorization: credentials && `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`,
  };
}

/** Runs the child with `input` on stdin; resolves with its stdout (killed after `limitMs`). */
function runChild(input: string, configFile: string, limitMs: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENSSL_CONF: configFile };
  // The child runs plain Node: no preloaded modules or flags of the provider's own process.
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CHILD_PROGRAM], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (stdout.length < MAX_ANSWER_BYTES) stdout += chunk;
    });
    // libp11 prints the URI it failed on (PIN included) here: drained, never kept.
    child.stderr.resume();
    child.stdin.on("error", () => undefined);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new CertplaneError(`Could not start Node for the token handshake: ${err.message}.`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new CertplaneError(
            `The mTLS handshake with a key in a PKCS#11 token did not finish within ${limitMs / 1000} s ` +
              "and was stopped. Check the token's library and the service's health.",
          ),
        );
      } else if (stdout.trim() === "") {
        reject(
          new CertplaneError(
            `The process making the mTLS handshake with a key in a PKCS#11 token ended without an ` +
              `answer (exit ${code ?? signal}). Check that OpenSSL's PKCS#11 engine and the token's ` +
              "library load (docs/keys-in-hsm.md).",
          ),
        );
      } else resolve(stdout);
    });
    child.stdin.end(input);
  });
}

function answerOf(
  printed: string,
  request: TokenTlsRequest,
  settings: Pkcs11Settings,
): TokenTlsAnswer {
  let parsed: { status?: number; text?: string; error?: ChildFailure; tunnel?: ChildTunnelFailure };
  try {
    parsed = JSON.parse(printed) as typeof parsed;
  } catch {
    throw new CertplaneError(
      "The process making the mTLS handshake with a key in a PKCS#11 token answered something " +
        "that is not its JSON result.",
    );
  }
  if (parsed.tunnel !== undefined) throw tunnelError(parsed.tunnel);
  if (parsed.error !== undefined) throw explain(parsed.error, request, settings);
  return { status: parsed.status ?? 0, text: parsed.text ?? "" };
}

/** The child's tunnel failure as the pooled agents report one (../core/proxyAgent.ts). */
function tunnelError(tunnel: ChildTunnelFailure): TokenTunnelError {
  if (tunnel.timedOut === true) return new TokenTunnelError(undefined);
  return new TokenTunnelError(
    typeof tunnel.status === "number"
      ? new TunnelFailure(tunnel.status, tunnel.statusText ?? "", undefined)
      : new TunnelFailure(undefined, "", tunnel.code ?? "EPROXY"),
  );
}

/** The engine's reasons for a refused login, and the PKCS#11 return value each stands for. */
const LOGIN_REASONS: Array<[RegExp, string]> = [
  [/PIN incorrect/i, "CKR_PIN_INCORRECT"],
  [/PIN locked/i, "CKR_PIN_LOCKED"],
  [/PIN len range/i, "CKR_PIN_LEN_RANGE"],
  [/PIN expired/i, "CKR_PIN_EXPIRED"],
];

/** A message for the child's failure, from its codes and reasons only. */
function explain(
  failure: ChildFailure,
  request: TokenTlsRequest,
  settings: Pkcs11Settings,
): CertplaneError {
  const reason = failure.reason ?? "";
  const code = failure.code ?? "";
  const token = `PKCS#11 token "${settings.tokenLabel}" (library "${settings.module}")`;
  const login = LOGIN_REASONS.find(([pattern]) => pattern.test(reason));
  let message: string;
  if (login !== undefined) {
    message =
      `Login to ${token} through OpenSSL's PKCS#11 engine was refused (${login[1]}: ${reason}) ` +
      `with the PIN from ${settings.sources.pin}: ${LOGIN_REFUSALS[login[1]]}.`;
  } else if (/unable to load PKCS#11 module/i.test(reason)) {
    message =
      `The PKCS#11 library "${settings.module}" (pkcs11.module, from ${settings.sources.module}) ` +
      `could not be loaded by OpenSSL's PKCS#11 engine for token "${settings.tokenLabel}". Check ` +
      "that the path names the token's PKCS#11 library and that it is readable by the user running Pulumi.";
  } else if (/object not found|token not found|no token/i.test(reason)) {
    return new TokenKeyNotFoundError(
      redact(
        `No private key labelled "${settings.keyLabel}" (pkcs11.keyLabel, from ${settings.sources.keyLabel}) ` +
          `was found in ${token} (pkcs11.tokenLabel, from ${settings.sources.tokenLabel}). A key certplane ` +
          "generated is labelled <keyLabel>-<8 hex digits>: give pkcs11.keyLabel the CertificateRequest's " +
          "pkcs11KeyLabel output. For SoftHSM2 check that SOFTHSM2_CONF names the token's configuration.",
        [settings.pin, keyUri(settings)],
      ),
    );
  } else if (/key values mismatch/i.test(`${reason} ${failure.message ?? ""}`)) {
    message =
      `The key labelled "${settings.keyLabel}" (pkcs11.keyLabel, from ${settings.sources.keyLabel}) ` +
      `in ${token} is not the certificate's key; give pkcs11.keyLabel the label of the key the CSR ` +
      "was made with (the CertificateRequest's pkcs11KeyLabel).";
  } else {
    const what = [code, reason || failure.message].filter((part) => part).join(": ");
    message =
      `The mTLS request to ${request.url.origin} presenting the key in ${token} failed ` +
      `(${what || "no reason given"}). Check the connection's url and caCertPem, and that the ` +
      "certificate is the key's.";
  }
  return new CertplaneError(redact(message, [settings.pin, keyUri(settings)]));
}
