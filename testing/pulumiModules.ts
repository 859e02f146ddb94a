/**
 * Locates the `@pulumi/pulumi` the *program* uses (not necessarily the one next to this runner) and
 * loads the parts of it the engine side needs: the dynamic-provider entry point, the gRPC stubs
 * and their messages. Every module is loaded relative to that SDK so the stubs, `@grpc/grpc-js`
 * and `google-protobuf` are the very copies the provider process uses; two copies of grpc-js or
 * protobuf would reject each other's objects.
 */
import { createRequire } from "node:module";
import * as path from "node:path";

type GrpcModule = typeof import("@grpc/grpc-js");
type ProviderGrpcModule = typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
type ProviderMessages = typeof import("@pulumi/pulumi/proto/provider_pb");
type StatusMessages = typeof import("@pulumi/pulumi/proto/status_pb");
type StructMessages = typeof import("google-protobuf/google/protobuf/struct_pb");

/** The engine-side parts of one `@pulumi/pulumi` installation. */
export interface PulumiModules {
  /** The SDK's folder. */
  root: string;
  /** `cmd/dynamic-provider/index.js` of that SDK. */
  dynamicProviderEntry: string;
  grpc: GrpcModule;
  providerGrpc: ProviderGrpcModule;
  provider: ProviderMessages;
  status: StatusMessages;
  struct: StructMessages;
}

const cache = new Map<string, PulumiModules>();

/** Finds the folder of the `@pulumi/pulumi` that `projectDir` resolves. */
export function pulumiRootFor(projectDir: string): string {
  let entry: string;
  try {
    entry = require.resolve("@pulumi/pulumi", { paths: [projectDir] });
  } catch {
    throw new Error(
      `Cannot find @pulumi/pulumi from the project folder ${projectDir}. Install it there ` +
        `(npm install @pulumi/pulumi) or point projectDir at a folder that has it.`,
    );
  }
  // The package's main file sits at its root (index.js).
  return path.dirname(entry);
}

/** Loads (once per installation) the engine-side modules of the SDK `projectDir` resolves. */
export function loadPulumiModules(projectDir: string): PulumiModules {
  const root = pulumiRootFor(projectDir);
  const cached = cache.get(root);
  if (cached) return cached;
  const fromSdk = createRequire(path.join(root, "package.json"));
  const stubsPath = fromSdk.resolve("./proto/provider_grpc_pb");
  // Resolved from the stubs' own file, exactly as the stubs load it.
  const fromStubs = createRequire(stubsPath);
  const modules: PulumiModules = {
    root,
    dynamicProviderEntry: path.join(root, "cmd", "dynamic-provider", "index.js"),
    grpc: fromStubs("@grpc/grpc-js") as GrpcModule,
    providerGrpc: fromStubs(stubsPath) as ProviderGrpcModule,
    provider: fromStubs("./provider_pb") as ProviderMessages,
    status: fromStubs("./status_pb") as StatusMessages,
    struct: fromStubs("google-protobuf/google/protobuf/struct_pb") as StructMessages,
  };
  cache.set(root, modules);
  return modules;
}
