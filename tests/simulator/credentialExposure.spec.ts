/**
 * The simulator gives out credentials only on purpose: the session credentials it mints — an SBC
 * access token, an AppViewX revocation sessionId, a NetFoundry OAuth access token — are listed by
 * `sim.sessionCredentials()` and `GET /control/sessions`, those a reset dropped included, so a
 * secret scan can look for each; printing the simulator object shows none of its credentials.
 */
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { startSimulator, type Simulator } from "../../simulator";
import { sbcToken as mintSbcToken } from "../support/oraclesbc";
import { request } from "../support/request";
import { appviewxLoginRequest, netfoundryTokenRequest } from "../support/sessions";

describe("simulator: credentials given out on purpose only", () => {
  // The simulator itself, not withSimulator's stand-in: this spec prints the object (util.inspect
  // shows a Proxy's empty target, not what its reads forward to).
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ vendors: ["oraclesbc", "appviewx", "netfoundry"] });
  });
  after(() => sim.stop());

  const sbcToken = () => mintSbcToken(sim);

  async function appviewxSession(): Promise<string> {
    const answer = await appviewxLoginRequest(sim);
    return (JSON.parse(answer.body) as { response: { sessionId: string } }).response.sessionId;
  }

  async function netfoundryToken(): Promise<string> {
    const answer = await netfoundryTokenRequest(sim);
    return (JSON.parse(answer.body) as { access_token: string }).access_token;
  }

  async function controlSessions(): Promise<Record<string, string[]>> {
    const answer = await request(`${sim.controlUrl}/sessions`, { ca: sim.caCertPem });
    assert.equal(answer.status, 200);
    return (JSON.parse(answer.body) as { sessions: Record<string, string[]> }).sessions;
  }

  it("printing the simulator shows its URLs and vendors, never a credential", () => {
    const printed = [inspect(sim, { depth: Infinity, showHidden: true }), JSON.stringify(sim)];
    const secrets = Object.values(sim.credentials).flatMap((fields) => Object.values(fields));
    const envSecrets = Object.entries(sim.env)
      .filter(([name]) => /TOKEN|PASSWORD|SECRET|PRIVATE_KEY/.test(name))
      .map(([, value]) => value);
    for (const text of printed) {
      assert.ok(text.includes(sim.urls.oraclesbc), "the URLs are shown");
      for (const secret of [...secrets, ...envSecrets].filter((value) => value.length >= 8)) {
        assert.equal(text.includes(secret), false, "a credential is shown");
      }
    }
    assert.deepEqual(JSON.parse(printed[1]), { urls: sim.urls, vendors: sim.vendors });
  });

  it("lists each minted credential per vendor, keeps those a reset dropped, and adds later ones", async () => {
    const before = {
      oraclesbc: [await sbcToken()],
      appviewx: [await appviewxSession()],
      netfoundry: [await netfoundryToken()],
    };
    assert.deepEqual(sim.sessionCredentials(), before);
    assert.deepEqual(await controlSessions(), before);

    await sim.reset();
    const afterReset = await sbcToken();

    assert.deepEqual(await controlSessions(), {
      ...before,
      oraclesbc: [...before.oraclesbc, afterReset],
    });
  });
});
