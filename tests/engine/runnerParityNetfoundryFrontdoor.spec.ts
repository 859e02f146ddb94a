/** The lifecycle runner held to the engine (./support/parity) on examples/netfoundry-frontdoor. */
import { assertParity } from "./support/parity";

const DAY_SECONDS = 86_400;

describe("engine: the lifecycle runner gives what the engine gives (netfoundry-frontdoor)", function () {
  this.timeout(600_000);

  it("create, a rename in place, renewal 336 days on, destroy", () =>
    assertParity("netfoundry-frontdoor", {
      stacks: { "netfoundry-frontdoor": "dev" },
      vendors: ["netfoundry", "pca"],
      steps: [
        // No no-change `up` here: the quickstart's covers every resource type.
        { command: "up" },
        {
          command: "up",
          config: { meshName: "service-mesh-renamed" },
          expectOps: { "NetFoundryClientCertificate/service-mesh": "update" },
        },
        {
          command: "up",
          config: { meshName: "service-mesh-renamed" },
          clockOffsetSeconds: 336 * DAY_SECONDS,
          expectOps: { "NetFoundryClientCertificate/service-mesh": "replace" },
        },
        { command: "destroy", config: { meshName: "service-mesh-renamed" } },
      ],
    }));
});
