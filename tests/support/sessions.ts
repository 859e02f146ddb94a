/**
 * Raw logins to the simulator's vendors that mint a session credential (a NetFoundry OAuth access
 * token, an AppViewX sessionId), for specs of the wire rules and of what the simulator gives out.
 */
import type { Simulator } from "../../simulator";
import { request, type Answer } from "./request";

/**
 * POSTs a client-credentials grant to NetFoundry's OAuth token endpoint: the simulator's client,
 * with `fields` added or overriding (a wrong `client_secret`, an `audience`).
 */
export function netfoundryTokenRequest(
  sim: Simulator,
  fields: Record<string, string> = {},
): Promise<Answer> {
  const { clientId, clientSecret } = sim.credentials.netfoundry;
  return request(`${sim.env.CERTPLANE_NETFOUNDRY_URL}/oauth/token`, {
    method: "POST",
    ca: sim.caCertPem,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      ...fields,
    }),
  });
}

/** POSTs AppViewX's login with the simulator's user and password headers. */
export function appviewxLoginRequest(sim: Simulator): Promise<Answer> {
  return request(`${sim.env.CERTPLANE_APPVIEWX_URL}/avxapi/login?gwsource=external`, {
    method: "POST",
    ca: sim.caCertPem,
    headers: {
      username: sim.credentials.appviewx.username,
      password: sim.credentials.appviewx.password,
      "Content-Type": "application/json",
    },
    body: "{}",
  });
}
