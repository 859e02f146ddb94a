/**
 * An HTTPS server on loopback with a certificate from the test CA, asking for (not requiring) a
 * client certificate, for specs of the HTTP client without the simulator.
 */
import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestCa } from "./testCa";

/** A started server. */
export interface TlsServer {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** Closes the server and every connection to it. */
  close(): Promise<void>;
}

/** Starts a server for localhost/127.0.0.1, issued by `ca`, answering with `handler`. */
export async function startTlsServer(
  ca: TestCa,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TlsServer> {
  const cert = await ca.issue("localhost", { server: true });
  const server = https.createServer(
    { cert: cert.certPem, key: cert.keyPem, requestCert: true, rejectUnauthorized: false },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
