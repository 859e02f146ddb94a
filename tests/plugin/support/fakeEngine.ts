/**
 * The engine's log service on loopback, as the CLI serves it to the plugins it starts: every
 * `Log` request is kept, so a spec can assert what a user of the CLI would see as diagnostics.
 */
import type * as grpc from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import grpcOfServer = require("../../../provider/plugin/serverGrpc");

/** One `Log` request, as the CLI would show it. */
export interface EngineLogLine {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
}

const SEVERITY_NAMES: Record<number, EngineLogLine["severity"]> = {
  [enginePb.LogSeverity.DEBUG]: "debug",
  [enginePb.LogSeverity.INFO]: "info",
  [enginePb.LogSeverity.WARNING]: "warning",
  [enginePb.LogSeverity.ERROR]: "error",
};

/** A running fake engine. */
export interface FakeEngine {
  address: string;
  logs: EngineLogLine[];
  stop(): Promise<void>;
}

/** Starts the log service on 127.0.0.1 (a free port). */
export async function startFakeEngine(): Promise<FakeEngine> {
  const logs: EngineLogLine[] = [];
  const server: grpc.Server = new grpcOfServer.Server();
  const unimplemented = (_call: unknown, done: (error: grpc.ServiceError) => void) =>
    done({ code: grpcOfServer.status.UNIMPLEMENTED } as grpc.ServiceError);
  server.addService(engineRpc.EngineService, {
    log: (
      call: grpc.ServerUnaryCall<enginePb.LogRequest, Empty>,
      done: grpc.sendUnaryData<Empty>,
    ) => {
      logs.push({
        severity: SEVERITY_NAMES[call.request.getSeverity()],
        message: call.request.getMessage(),
      });
      done(null, new Empty());
    },
    getRootResource: unimplemented,
    setRootResource: unimplemented,
    startDebugging: unimplemented,
  } as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpcOfServer.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
