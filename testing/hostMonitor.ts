/**
 * The resource monitor the program talks to inside the language host: a subclass of the SDK's own
 * `MockMonitor`, so the SDK's mock mode does the plumbing, but every registration and read is
 * forwarded raw (inputs in wire format with secrets and unknowns, dependencies, options) to the
 * runner, which plays the engine and answers with real outputs.
 */
import type { MockMonitor as MockMonitorClass, Mocks } from "@pulumi/pulumi/runtime/mocks";
import type * as resourceMessages from "@pulumi/pulumi/proto/resource_pb";
import type * as structMessages from "google-protobuf/google/protobuf/struct_pb";
import type { ReadRegistration, Registration, RegistrationReply } from "./hostProtocol";
import { isDynamicType } from "./stackState";
import { revealObject, toWireObject, type WireObject } from "./wire";

/** How the monitor reaches the runner. */
export interface RunnerBridge {
  register(registration: Registration): Promise<RegistrationReply>;
  read(read: ReadRegistration): Promise<RegistrationReply>;
  outputs(urn: string, outputs: WireObject): void;
}

/** A fake for a resource type: `(inputs, name, id?) => ({ id, state })`. */
export type ResourceFake = (
  inputs: WireObject,
  name: string,
  id?: string,
) => { id?: string; state?: unknown } | Promise<{ id?: string; state?: unknown }>;

/** Fakes by type token (resources) or function token (invokes). */
export type Fakes = Record<string, (...args: never[]) => unknown>;

/** The SDK pieces the monitor is built from (the program's copies). */
export interface MonitorSdk {
  MockMonitor: typeof MockMonitorClass;
  resource: typeof resourceMessages;
  struct: typeof structMessages;
}

type Callback = (error: unknown, response?: unknown) => void;

/** Parameters of a monitor for one run. */
export interface RunnerMonitorOptions {
  sdk: MonitorSdk;
  bridge: RunnerBridge;
  fakes: Fakes;
  project: string;
  stack: string;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Builds the monitor (the base class comes from the program's SDK, hence a factory). */
export function createRunnerMonitor(options: RunnerMonitorOptions): MockMonitorClass {
  const { sdk, bridge, fakes, project, stack } = options;

  const mocks: Mocks = {
    // Only reached for invokes: registrations and reads are overridden below.
    call: async ({ token, inputs }) => {
      const fake = fakes[token] as ((args: unknown) => unknown) | undefined;
      if (!fake) {
        throw new Error(
          `No fake for the function ${token}: export one under that token from the runner's ` +
            `fakes module.`,
        );
      }
      return (await fake(inputs)) as Record<string, unknown>;
    },
    newResource: () => {
      throw new Error("unreachable: the runner's monitor handles every registration itself");
    },
  };

  async function runFake(type: string, name: string, inputs: WireObject, id?: string) {
    const fake = fakes[type] as ResourceFake | undefined;
    if (!fake) return { id: id || `${name}-id`, state: inputs };
    const made = await fake(revealObject(inputs), name, id);
    return { id: made.id || id || `${name}-id`, state: toWireObject(made.state ?? {}) };
  }

  class RunnerMonitor extends sdk.MockMonitor {
    /** URNs as the engine makes them: children of the stack are not qualified by its type. */
    urnOf(parent: string, type: string, name: string): string {
      let qualified = type;
      if (parent) {
        const parentType = parent.split("::")[2];
        if (parentType !== STACK_TYPE) qualified = `${parentType}$${type}`;
      }
      return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    }

    override async registerResource(
      request: resourceMessages.RegisterResourceRequest,
      done: Callback,
    ) {
      try {
        const type = request.getType();
        const name = request.getName();
        const custom = request.getCustom();
        const inputs = toWireObject(request.getObject()?.toJavaScript());
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((deps, key) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        const registration: Registration = {
          urn: this.urnOf(request.getParent(), type, name),
          type,
          name,
          custom,
          parent: request.getParent(),
          inputs,
          dependencies: request.getDependenciesList(),
          propertyDependencies,
          provider: request.getProvider(),
          deleteBeforeReplace: request.getDeletebeforereplace(),
          ignoreChanges: request.getIgnorechangesList(),
          replaceOnChanges: request.getReplaceonchangesList(),
          retainOnDelete: request.getRetainondelete() ?? false,
          additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
        };
        if (custom && !isDynamicType(type)) {
          registration.fake = await runFake(type, name, inputs);
        }
        const reply = await bridge.register(registration);
        this.resources.set(reply.urn, { urn: reply.urn, id: reply.id, state: reply.outputs });
        const response = new sdk.resource.RegisterResourceResponse();
        response.setUrn(reply.urn);
        response.setId(reply.id);
        response.setObject(sdk.struct.Struct.fromJavaScript(reply.outputs as never));
        done(null, response);
      } catch (error) {
        done(error);
      }
    }

    override async readResource(request: resourceMessages.ReadResourceRequest, done: Callback) {
      try {
        const type = request.getType();
        const name = request.getName();
        const inputs = toWireObject(request.getProperties()?.toJavaScript());
        const read: ReadRegistration = {
          urn: this.urnOf(request.getParent(), type, name),
          type,
          name,
          id: request.getId(),
          parent: request.getParent(),
          inputs,
          dependencies: request.getDependenciesList(),
          additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
        };
        if (type !== "pulumi:pulumi:StackReference") {
          read.fake = await runFake(type, name, inputs, read.id);
        }
        const reply = await bridge.read(read);
        this.resources.set(reply.urn, { urn: reply.urn, id: reply.id, state: reply.outputs });
        const response = new sdk.resource.ReadResourceResponse();
        response.setUrn(reply.urn);
        response.setProperties(sdk.struct.Struct.fromJavaScript(reply.outputs as never));
        done(null, response);
      } catch (error) {
        done(error);
      }
    }

    override registerResourceOutputs(
      request: resourceMessages.RegisterResourceOutputsRequest,
      done: Callback,
    ) {
      try {
        bridge.outputs(request.getUrn(), toWireObject(request.getOutputs()?.toJavaScript()));
        done(null, {});
      } catch (error) {
        done(error);
      }
    }
  }

  return new RunnerMonitor(mocks);
}
