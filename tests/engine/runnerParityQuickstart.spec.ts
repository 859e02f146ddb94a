/**
 * The lifecycle runner held to the engine (./support/parity) on examples/quickstart (every resource
 * type) and examples/consumer (a StackReference to it, on the same backend / state folder).
 */
import { assertParity } from "./support/parity";

const DAY_SECONDS = 86_400;

describe("engine: the lifecycle runner gives what the engine gives (quickstart, consumer)", function () {
  this.timeout(900_000);

  it("create, no change, renewal of every certificate due in 81 days, the consumer, destroy", () =>
    assertParity("quickstart", {
      // The names the consumer's StackReference expects: organization/quickstart/demo.
      stacks: { quickstart: "demo", consumer: "demo" },
      prepare: (sim) => sim.action("oraclesbc", "configure", { jobDurationMs: 20 }),
      steps: [
        { command: "up" },
        { command: "up", example: "consumer" },
        { command: "up" },
        // PCA's 90-day certificates are due (renewed 14 and 10 days early), the SSH ones have expired;
        // the NSO user's key rotates with its certificate (rotateAfterHours 2160 - 240).
        {
          command: "up",
          clockOffsetSeconds: 81 * DAY_SECONDS,
          expectOps: {
            "CertificateRequest/nso-user": "replace",
            "CertificateRequest/api-client": "same",
            "PcaSignedCertificate/nso-user": "replace",
            "PcaSignedCertificate/sbc-tls": "replace",
            "OracleSbcCertificateImport/sbc-tls": "update",
            "NetFoundryClientCertificate/nso-user": "update",
            "AppViewXSshCertificate/deploy": "replace",
            "AppViewXSshCertificate/web1": "replace",
            // The gNMI PAT lives 90 days and is renewed 30 days early.
            "PcaPersonalAccessToken/gnmi": "replace",
          },
        },
        { command: "up", example: "consumer" },
        { command: "destroy", example: "consumer" },
        { command: "destroy" },
      ],
    }));
});
