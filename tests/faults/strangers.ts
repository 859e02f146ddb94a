/**
 * What the connection-level cells point a run at instead of the simulator's own: a CA and a client
 * certificate the simulator does not trust (from a test CA of their own), and CONNECT proxies on
 * loopback that refuse every tunnel (407: credentials wanted; 502: the proxy cannot reach the
 * vendor). The proxies tunnel nothing, so every lane can share them.
 */
import { startLoopbackProxy } from "../support/loopbackProxy";
import { TestCa } from "../support/testCa";
import type { Strangers } from "./arrangements";

/** Makes the strangers; `stop` closes the proxies. */
export async function makeStrangers(): Promise<{
  strangers: Strangers;
  stop: () => Promise<void>;
}> {
  const ca = await TestCa.create("certplane stranger CA");
  const client = await ca.issue("certplane stranger client");
  const wantsCredentials = await startLoopbackProxy({ refuseWith: 407 });
  const badGateway = await startLoopbackProxy({ refuseWith: 502 });
  return {
    strangers: {
      caCertPem: ca.certPem,
      clientCertificatePem: client.certPem,
      clientPrivateKeyPem: client.keyPem,
      refusingProxyUrls: { 407: wantsCredentials.url, 502: badGateway.url },
    },
    stop: async () => {
      await wantsCredentials.stop();
      await badGateway.stop();
    },
  };
}
