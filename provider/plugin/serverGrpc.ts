/**
 * The `@grpc/grpc-js` that `@pulumi/pulumi/provider`'s server itself loads (resolved from the
 * server's own file: an install may hold more than one copy, and only the server's copy sees the
 * service it adds). The plugin archive's bundle replaces this module with its one bundled copy
 * (tools/pluginArchive/build.ts).
 */
import { createRequire } from "node:module";
import type * as grpc from "@grpc/grpc-js";

const fromServer = createRequire(require.resolve("@pulumi/pulumi/provider/server"));

export = fromServer("@grpc/grpc-js") as typeof grpc;
