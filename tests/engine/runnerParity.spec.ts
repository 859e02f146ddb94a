/**
 * The lifecycle runner held to the engine (./support/parity): the page that lists the differences
 * the comparison allows, and the two PCA examples. The other examples have a spec each
 * (runnerParity<Example>.spec.ts).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { assertParity, KNOWN_DIFFERENCES } from "./support/parity";

describe("engine: the lifecycle runner gives what the engine gives", function () {
  this.timeout(600_000);

  it("docs/testing.md lists every difference the comparison allows", () => {
    const page = fs.readFileSync(path.join(REPO_ROOT, "docs", "testing.md"), "utf8");
    for (const id of KNOWN_DIFFERENCES)
      assert.ok(page.includes(`(${id})`), `docs/testing.md lacks (${id})`);
  });

  it("pca-nso-mtls: a partial create and its heal, an update, a replacing key change and destroy agree", () =>
    assertParity("pca-nso-mtls", {
      stacks: { "pca-nso-mtls": "dev" },
      vendors: ["pca"],
      steps: [
        {
          command: "up",
          // Signed, then refused at validation: the certificate exists at PCA, recorded as partial.
          fault: {
            vendor: "pca",
            method: "GET",
            path: "/api/v1/auth/cert/validate/authorization",
            status: 403,
          },
          expectOps: { "PcaSignedCertificate/nso-user": "create" },
        },
        { command: "up", expectOps: { "PcaSignedCertificate/nso-user": "update" } },
        {
          command: "up",
          config: { earlyRenewalHours: "300" },
          expectOps: { "PcaSignedCertificate/nso-user": "update" },
        },
        {
          command: "up",
          config: { earlyRenewalHours: "300", rsaBits: "3072" },
          expectOps: {
            "CertificateRequest/nso-user": "replace",
            "PcaSignedCertificate/nso-user": "replace",
          },
        },
        { command: "destroy", config: { earlyRenewalHours: "300", rsaBits: "3072" } },
      ],
    }));

  it("pca-gnmi-pat: a replacing lifetime change and destroy agree step by step", () =>
    assertParity("pca-gnmi-pat", {
      stacks: { "pca-gnmi-pat": "dev" },
      vendors: ["pca", "zitadel"],
      steps: [
        // No no-change `up` here: the quickstart's covers every resource type.
        { command: "up" },
        {
          command: "up",
          config: { lifetimeHours: "4320" },
          expectOps: { "PcaPersonalAccessToken/gnmi": "replace" },
        },
        { command: "destroy", config: { lifetimeHours: "4320" } },
      ],
    }));
});
