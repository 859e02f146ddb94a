/** The lifecycle runner held to the engine (./support/parity) on examples/oraclesbc-tls. */
import { assertParity } from "./support/parity";

describe("engine: the lifecycle runner gives what the engine gives (oraclesbc-tls)", function () {
  this.timeout(600_000);

  it("create, an in-place record change, a replacing record name, destroy", () =>
    assertParity("oraclesbc-tls", {
      stacks: { "oraclesbc-tls": "dev" },
      vendors: ["oraclesbc", "pca"],
      prepare: (sim) => sim.action("oraclesbc", "configure", { jobDurationMs: 20 }),
      // A lock left held fails in 20 seconds instead of the default wait.
      env: { CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20" },
      steps: [
        // No no-change `up` here: the quickstart's covers every resource type.
        { command: "up" },
        {
          command: "up",
          config: { organization: "Other Corp" },
          expectOps: {
            "OracleSbcCertificateRecord/sbc-tls": "update",
            "PcaSignedCertificate/sbc-tls": "replace",
          },
        },
        {
          command: "up",
          config: { organization: "Other Corp", recordName: "sbc-tls-2" },
          expectOps: {
            "OracleSbcCertificateRecord/sbc-tls": "replace",
            "OracleSbcCertificateImport/sbc-tls": "replace",
          },
        },
        { command: "destroy", config: { organization: "Other Corp", recordName: "sbc-tls-2" } },
      ],
    }));
});
