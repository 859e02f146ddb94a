/**
 * Raw HTTPS for specs that talk to a vendor (the simulator) below the provider: one request trusting
 * a given CA (optionally with a client certificate), and the seeds' own curl command lines run
 * without blocking the event loop (the simulator runs in the test process).
 */
import { execFile } from "node:child_process";
import * as https from "node:https";
import { promisify } from "node:util";

/** A response as the specs inspect it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of {@link request}. */
export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  ca: string;
  cert?: string;
  key?: string;
}

/** Sends one request; never rejects on an HTTP error status. */
export function request(url: string, options: RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: options.method ?? "GET",
        headers: options.headers,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const run = promisify(execFile);

/** Runs a command asynchronously and returns its stdout (rejects on a non-zero exit). */
export async function command(file: string, args: string[]): Promise<string> {
  return (await run(file, args, { encoding: "utf8", timeout: 30_000 })).stdout;
}
