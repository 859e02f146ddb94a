/**
 * The native plugin as the engine starts it — bin/pulumi-resource-certplane with an engine address,
 * its gRPC port read from its first stdout line — and the lifecycle runner's engine-side client
 * talking to it (testing/providerProcess.ts and testing/providerClient.ts: the same gRPC stubs the
 * engine tier's dynamic door is held to). Call it in a `describe` body; `npm run build` first (the
 * bin runs dist/).
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type { ServiceError } from "@grpc/grpc-js";
import { ProviderClient, type ResourceRef } from "../../../testing/providerClient";
import { startProviderProcess, type ProviderProcess } from "../../../testing/providerProcess";
import { loadPulumiModules, type PulumiModules } from "../../../testing/pulumiModules";
import { lateBound } from "../../support/lateBound";
import { startFakeEngine, type EngineLogLine, type FakeEngine } from "./fakeEngine";
import { REPO_ROOT } from "../../support/packageLink";

/** The plugin executable, under the name the engine looks for. */
export const PLUGIN_BIN = path.join(REPO_ROOT, "bin", "pulumi-resource-certplane");

type EmptyModule = typeof import("google-protobuf/google/protobuf/empty_pb");

/** A running plugin and clients of it. */
export interface PluginRig {
  /** The engine-side client (Configure, Check, Diff, Create, Read, Update, Delete). */
  client: ProviderClient;
  /** GetSchema, which the lifecycle runner's client does not speak. */
  getSchema(): Promise<string>;
  /** GetPluginInfo's version. */
  pluginVersion(): Promise<string>;
  /** Every line the plugin printed after its port (stdout and stderr). */
  lines: string[];
  /** Every line the plugin logged to the engine (the CLI's diagnostics). */
  engineLogs: EngineLogLine[];
}

/** Options of {@link withPlugin}. */
export interface PluginOptions {
  /** The plugin process's environment (besides PATH), read when it starts. */
  env?: () => Record<string, string>;
  /** Provider configuration sent with Configure (`pcaUrl`, …), read when it starts. */
  config?: () => Record<string, string>;
}

/** Starts the plugin before the suite (Configure sent) and stops it after. */
export function withPlugin(options: PluginOptions = {}): PluginRig {
  const rig = lateBound<PluginRig>("the plugin");
  let started: ProviderProcess | undefined;
  let client: ProviderClient | undefined;
  let engine: FakeEngine | undefined;
  before(async function () {
    this.timeout(30_000);
    const modules = loadPulumiModules(REPO_ROOT);
    const lines: string[] = [];
    engine = await startFakeEngine();
    started = await startProviderProcess({
      entry: PLUGIN_BIN,
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", ...options.env?.() },
      onLine: (line) => lines.push(line.text),
      engineAddress: engine.address,
    });
    client = new ProviderClient(modules, started.port);
    await client.configure(options.config?.() ?? {});
    rig.set({ client, lines, engineLogs: engine.logs, ...rawCalls(modules, started.port) });
  });
  after(async () => {
    client?.close();
    await started?.child.stop();
    await engine?.stop();
    rig.set(undefined);
  });
  return rig.proxy;
}

/** GetSchema and GetPluginInfo over a channel of their own. */
function rawCalls(modules: PulumiModules, port: number) {
  const raw = new modules.providerGrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    modules.grpc.credentials.createInsecure(),
  );
  const unary = <T>(send: (done: (e: ServiceError | null, r: T) => void) => void) =>
    new Promise<T>((resolve, reject) => send((e, r) => (e ? reject(e) : resolve(r))));
  return {
    getSchema: async () => {
      const request = new modules.provider.GetSchemaRequest();
      const response = await unary<{ getSchema(): string }>((done) => raw.getSchema(request, done));
      return response.getSchema();
    },
    pluginVersion: async () => {
      // The stubs accept only their own copy of google-protobuf's messages.
      const fromStubs = createRequire(path.join(modules.root, "proto", "provider_grpc_pb.js"));
      const { Empty } = fromStubs("google-protobuf/google/protobuf/empty_pb") as EmptyModule;
      const response = await unary<{ getVersion(): string }>((done) =>
        raw.getPluginInfo(new Empty(), done),
      );
      return response.getVersion();
    },
  };
}

/** A resource of native type `token` named `name`, as the engine names it in requests. */
export function nativeRef(token: string, name: string): ResourceRef {
  return { urn: `urn:pulumi:test::plugin::${token}::${name}`, name, type: token };
}
