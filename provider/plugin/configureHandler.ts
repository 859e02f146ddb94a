/**
 * Lets the provider see Configure. `@pulumi/pulumi/provider`'s `main()` builds its gRPC service
 * object internally and answers Configure without passing the request on; the only place the
 * plugin can reach that object is the one `addService` call `main()` makes. So, for that call only,
 * the plugin wraps the service's `configure` handler: it hands the request to `onConfigure` first,
 * then lets the server answer as it always does (acceptSecrets, acceptResources, acceptOutputs).
 */
import type * as grpc from "@grpc/grpc-js";
import serverGrpc = require("./serverGrpc");
import type { ConfigureArgs } from "./configureRequest";

type Handler = (call: { request: ConfigureArgs }, callback: (error: unknown) => void) => void;

/** Routes the next service's Configure requests through `onConfigure`; call before `main()`. */
export function interceptConfigure(onConfigure: (request: ConfigureArgs) => Promise<void>): void {
  const prototype = serverGrpc.Server.prototype;
  const addService = prototype.addService;
  prototype.addService = function (service, implementation) {
    prototype.addService = addService;
    const answer = (implementation.configure as unknown as Handler).bind(implementation);
    const configure: Handler = (call, callback) => {
      onConfigure(call.request).then(
        () => answer(call, callback),
        (error: unknown) => callback(error),
      );
    };
    // The server's other handlers are inherited (grpc-js binds each to the object it is given).
    const wrapped = Object.assign(Object.create(implementation) as object, { configure });
    return addService.call(this, service, wrapped as grpc.UntypedServiceImplementation);
  };
}
