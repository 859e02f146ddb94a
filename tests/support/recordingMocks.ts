/**
 * Pulumi runtime mocks that also record each raw registration request (type, inputs with their secret
 * markers, additionalSecretOutputs), which the public `setMocks` hides from tests.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";

/** The runtime's internal store; `getStore` exists at run time but is not in the published typings. */
interface RuntimeStore {
  supportsSecrets: boolean;
  supportsResourceReferences: boolean;
  supportsOutputValues: boolean;
}
const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore(): RuntimeStore };

/** One recorded registration. */
export interface Registration {
  type: string;
  name: string;
  /** Inputs as the engine would receive them (secrets as `{4dabf18193072939515e22adb298388d: …}` objects). */
  rawInputs: Record<string, unknown>;
  additionalSecretOutputs: string[];
}

/** Installs recording mocks; `newResource` answers with inputs merged with `outputs(type, inputs)`. */
export function installRecordingMocks(
  outputs: (type: string, inputs: Record<string, unknown>) => Record<string, unknown> = () => ({}),
) {
  const registrations: Registration[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({
      id: `${args.name}-id`,
      state: { ...args.inputs, ...outputs(args.type, args.inputs) },
    }),
    call: (args) => args.inputs,
  };
  class RecordingMonitor extends MockMonitor {
    override async registerResource(
      req: {
        getType(): string;
        getName(): string;
        getObject(): { toJavaScript(): Record<string, unknown> };
        getAdditionalsecretoutputsList(): string[];
      },
      callback: (err: unknown, res: unknown) => void,
    ) {
      registrations.push({
        type: req.getType(),
        name: req.getName(),
        rawInputs: req.getObject().toJavaScript(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      });
      return super.registerResource(req as never, callback);
    }
  }
  setMockOptions(new RecordingMonitor(mocks), "project", "stack", false);
  const store = getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  store.supportsOutputValues = false;
  return registrations;
}

/** Resolves an Output's value and secretness. */
export async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const value = await new Promise<T>((resolve) => output.apply((v) => resolve(v)));
  return { value, secret: await pulumi.isSecret(output) };
}
