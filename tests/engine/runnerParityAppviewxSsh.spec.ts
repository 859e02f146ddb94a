/** The lifecycle runner held to the engine (./support/parity) on examples/appviewx-ssh. */
import { assertParity } from "./support/parity";

const PRINCIPALS = JSON.stringify(["deploy"]);

describe("engine: the lifecycle runner gives what the engine gives (appviewx-ssh)", function () {
  this.timeout(600_000);

  it("create, a replacing principals change (delete-before-replace), destroy", () =>
    assertParity("appviewx-ssh", {
      stacks: { "appviewx-ssh": "dev" },
      vendors: ["appviewx"],
      steps: [
        // No no-change `up` here: the quickstart's covers every resource type.
        { command: "up" },
        {
          command: "up",
          config: { principals: PRINCIPALS },
          expectOps: {
            "AppViewXSshCertificate/deploy": "replace",
            "AppViewXSshCertificate/web1": "same",
          },
        },
        { command: "destroy", config: { principals: PRINCIPALS } },
      ],
    }));
});
