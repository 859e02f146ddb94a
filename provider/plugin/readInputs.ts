/**
 * Lets the provider see a Read's stored inputs. The engine sends them in `ReadRequest.inputs`, but
 * `@pulumi/pulumi/provider`'s server passes only the id, URN and state to `Provider.read`. Some
 * inputs are deliberately not echoed into the outputs (`pca.SignedCertificate`'s `privateKeyPem`),
 * and a refresh needs them. As interceptConfigure (./configureHandler.ts) does, for the one
 * `addService` call `main()` makes, the service's `read` handler is wrapped: it runs the server's
 * own answer inside an async context that holds the request's inputs, and `storedInputs()` reads
 * them from there (reads run concurrently, so no shared variable would do).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type * as grpc from "@grpc/grpc-js";
import serverGrpc = require("./serverGrpc");

interface ReadRequest {
  getInputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Handler = (call: { request: ReadRequest }, callback: (error: unknown) => void) => void;

const context = new AsyncLocalStorage<Record<string, unknown> | undefined>();

/** The inputs of the Read being answered (undefined outside one, or when the engine sent none). */
export function storedInputs(): Record<string, unknown> | undefined {
  return context.getStore();
}

/** Routes the next service's Read requests through the context above; call before `main()`. */
export function interceptReadInputs(): void {
  const prototype = serverGrpc.Server.prototype;
  const addService = prototype.addService;
  prototype.addService = function (service, implementation) {
    prototype.addService = addService;
    const answer = (implementation.read as unknown as Handler).bind(implementation);
    const read: Handler = (call, callback) =>
      context.run(call.request.getInputs()?.toJavaScript(), () => answer(call, callback));
    // The server's other handlers are inherited (grpc-js binds each to the object it is given).
    const wrapped = Object.assign(Object.create(implementation) as object, { read });
    return addService.call(this, service, wrapped as grpc.UntypedServiceImplementation);
  };
}
