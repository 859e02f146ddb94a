/**
 * A resource recorded by a partial create can be destroyed right away, through the dynamic door,
 * for every certplane type that records one: Pulumi's dynamic-provider host stores a partial
 * create's properties without the `__provider` it adds to a successful create's outputs, and its
 * delete loads the provider from them (regression: `destroy` failed with "code must be a string,
 * not undefined" and left the object at the vendor). Each case makes the partial create from one
 * refused vendor call, then destroys the stack and checks the vendor holds nothing.
 */
import { strict as assert } from "node:assert";
import { withExample } from "../support/withExample";

interface PartialCase {
  example: string;
  vendors: string[];
  /** The refused call: after it, the resource exists at the vendor but is recorded partial. */
  refuse: { vendor: string; method: string; path: string; status: number };
  /** The resource recorded partial. */
  partialName: string;
  /** What the vendor holds of the kind that would be orphaned. */
  held: (inventory: Record<string, Record<string, unknown>>) => unknown[];
}

const CASES: PartialCase[] = [
  {
    example: "netfoundry-frontdoor",
    vendors: ["netfoundry", "pca"],
    refuse: {
      vendor: "netfoundry",
      method: "GET",
      path: "/frontdoor/*/client-certificates/*",
      status: 403,
    },
    partialName: "service-mesh",
    held: (inventory) => inventory.netfoundry.certificates as unknown[],
  },
  {
    example: "oraclesbc-tls",
    vendors: ["oraclesbc", "pca"],
    refuse: {
      vendor: "oraclesbc",
      method: "PUT",
      path: "/rest/*/configuration/certificates/generateRequest",
      status: 403,
    },
    partialName: "sbc-tls",
    held: (inventory) => inventory.oraclesbc.records as unknown[],
  },
  {
    example: "pca-nso-mtls",
    vendors: ["pca"],
    refuse: {
      vendor: "pca",
      method: "GET",
      path: "/api/v1/auth/cert/validate/authorization",
      status: 403,
    },
    partialName: "nso-user",
    held: () => [],
  },
];

for (const partialCase of CASES) {
  describe(`a partial create destroyed at once: examples/${partialCase.example}`, () => {
    const { sim, runner } = withExample(partialCase.example, {
      simulator: { vendors: partialCase.vendors },
    });

    it("destroy deletes the partly created resource at the vendor and empties the stack", async () => {
      sim.faults.add({ ...partialCase.refuse, kind: "status", times: 1 });
      await assert.rejects(runner.up(), /partial create/);
      const partial = runner.state().resources.filter((resource) => resource.initErrors?.length);
      assert.deepEqual(
        partial.map((resource) => resource.name),
        [partialCase.partialName],
      );
      assert.notDeepEqual(partialCase.held(sim.inventory().vendors), undefined);

      await runner.destroy();
      assert.deepEqual(runner.state().resources, []);
      assert.deepEqual(partialCase.held(sim.inventory().vendors), []);
    });
  });
}
