/**
 * The engine's side of the `pulumirpc.ResourceProvider` conversation with a dynamic-provider
 * process: one typed method per RPC, plain JSON in and out. Values sent must already be revealed
 * (no secret envelopes): the process answers Configure with `acceptSecrets=false`.
 */
import type { ServiceError } from "@grpc/grpc-js";
import type { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type * as messages from "@pulumi/pulumi/proto/provider_pb";
import type { PulumiModules } from "./pulumiModules";
import type { CheckFailure } from "./types";
import { toWireObject, type WireObject } from "./wire";

/** What a resource is, for the `urn`/`name`/`type` fields every request carries. */
export interface ResourceRef {
  urn: string;
  name: string;
  type: string;
}

/** How the provider's diff classified the change. */
export type DiffChanges = "some" | "none" | "unknown";

/** The provider's diff. */
export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** A create or update that did reach the vendor but left the object not initialized. */
export interface InitFailure {
  id: string;
  properties: WireObject;
  reasons: string[];
}

/** A provider call that failed; `initFailure` is set for a partial create or update. */
export class ProviderCallError extends Error {
  constructor(
    message: string,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "ProviderCallError";
  }
}

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/** A connected gRPC client of one dynamic-provider process. */
export class ProviderClient {
  private readonly client: InstanceType<PulumiModules["providerGrpc"]["ResourceProviderClient"]>;

  constructor(
    private readonly modules: PulumiModules,
    port: number,
  ) {
    const { grpc, providerGrpc } = modules;
    this.client = new providerGrpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      // Certificates and big inputs can exceed gRPC's 4 MB default, as the engine allows.
      { "grpc.max_receive_message_length": 400 * 1024 * 1024 },
    );
  }

  /** Configure: `config` is the whole stack config, namespaced keys, secrets revealed. */
  async configure(config: Record<string, string>): Promise<void> {
    const request = new this.modules.provider.ConfigureRequest();
    request.setArgs(this.struct(config));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    request.setSendsOldInputs(true);
    request.setSendsOldInputsToDelete(true);
    await this.unary<messages.ConfigureResponse>((done) => this.client.configure(request, done));
  }

  /** Check: validates `news` against the previous inputs `olds`. */
  async check(
    ref: ResourceRef,
    olds: WireObject,
    news: WireObject,
  ): Promise<{ inputs: WireObject; failures: CheckFailure[] }> {
    const request = new this.modules.provider.CheckRequest();
    this.identify(request, ref);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.unary<messages.CheckResponse>((done) =>
      this.client.check(request, done),
    );
    const failures = response
      .getFailuresList()
      .map((failure) => ({ property: failure.getProperty(), reason: failure.getReason() }));
    return { inputs: this.plain(response.getInputs()), failures };
  }

  /** Diff: the old *outputs* against the new checked inputs. */
  async diff(
    ref: ResourceRef,
    id: string,
    oldOutputs: WireObject,
    news: WireObject,
    oldInputs: WireObject,
    ignoreChanges: string[],
  ): Promise<DiffResult> {
    const request = new this.modules.provider.DiffRequest();
    this.identify(request, ref);
    request.setId(id);
    request.setOlds(this.struct(oldOutputs));
    request.setNews(this.struct(news));
    request.setOldInputs(this.struct(oldInputs));
    request.setIgnorechangesList(ignoreChanges);
    const response = await this.unary<messages.DiffResponse>((done) =>
      this.client.diff(request, done),
    );
    const kinds = this.modules.provider.DiffResponse.DiffChanges;
    const changes = response.getChanges();
    return {
      changes:
        changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  /** Create: returns the new id and outputs; a partial create throws with `initFailure`. */
  async create(ref: ResourceRef, inputs: WireObject): Promise<{ id: string; outputs: WireObject }> {
    const request = new this.modules.provider.CreateRequest();
    this.identify(request, ref);
    request.setProperties(this.struct(inputs));
    const response = await this.unary<messages.CreateResponse>((done) =>
      this.client.create(request, done),
    );
    return { id: response.getId(), outputs: this.plain(response.getProperties()) };
  }

  /** Update: returns the new outputs; a partial update throws with `initFailure`. */
  async update(
    ref: ResourceRef,
    id: string,
    oldOutputs: WireObject,
    news: WireObject,
    oldInputs: WireObject,
    ignoreChanges: string[],
  ): Promise<WireObject> {
    const request = new this.modules.provider.UpdateRequest();
    this.identify(request, ref);
    request.setId(id);
    request.setOlds(this.struct(oldOutputs));
    request.setNews(this.struct(news));
    request.setOldInputs(this.struct(oldInputs));
    request.setIgnorechangesList(ignoreChanges);
    const response = await this.unary<messages.UpdateResponse>((done) =>
      this.client.update(request, done),
    );
    return this.plain(response.getProperties());
  }

  /** Read (refresh): an empty `id` in the answer means the object is gone. */
  async read(
    ref: ResourceRef,
    id: string,
    outputs: WireObject,
    inputs: WireObject,
  ): Promise<{ id: string; outputs: WireObject; inputs?: WireObject }> {
    const request = new this.modules.provider.ReadRequest();
    this.identify(request, ref);
    request.setId(id);
    request.setProperties(this.struct(outputs));
    request.setInputs(this.struct(inputs));
    const response = await this.unary<messages.ReadResponse>((done) =>
      this.client.read(request, done),
    );
    const newInputs = response.getInputs();
    return {
      id: response.getId(),
      outputs: this.plain(response.getProperties()),
      inputs: newInputs ? this.plain(newInputs) : undefined,
    };
  }

  /** Delete. */
  async delete(
    ref: ResourceRef,
    id: string,
    outputs: WireObject,
    inputs: WireObject,
  ): Promise<void> {
    const request = new this.modules.provider.DeleteRequest();
    this.identify(request, ref);
    request.setId(id);
    request.setProperties(this.struct(outputs));
    request.setOldInputs(this.struct(inputs));
    await this.unary<Empty>((done) => this.client.delete(request, done));
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }

  private identify(
    request: {
      setUrn(v: string): unknown;
      setName(v: string): unknown;
      setType(v: string): unknown;
    },
    ref: ResourceRef,
  ): void {
    request.setUrn(ref.urn);
    request.setName(ref.name);
    request.setType(ref.type);
  }

  private struct(value: WireObject | Record<string, string>): Struct {
    return this.modules.struct.Struct.fromJavaScript(toWireObject(value) as never);
  }

  private plain(struct: Struct | undefined): WireObject {
    return struct ? toWireObject(struct.toJavaScript()) : {};
  }

  private unary<T>(
    send: (done: (error: ServiceError | null, response: T) => void) => unknown,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      send((error, response) => (error ? reject(this.toCallError(error)) : resolve(response)));
    });
  }

  /** Decodes `grpc-status-details-bin`, where a partial create or update carries what exists. */
  private toCallError(error: ServiceError): ProviderCallError {
    const message = error.details || error.message;
    const [details] = error.metadata?.get("grpc-status-details-bin") ?? [];
    if (!(details instanceof Buffer)) return new ProviderCallError(message);
    const status = this.modules.status.Status.deserializeBinary(new Uint8Array(details));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== INIT_FAILED_TYPE) continue;
      const failed = this.modules.provider.ErrorResourceInitFailed.deserializeBinary(
        any.getValue_asU8(),
      );
      return new ProviderCallError(message, {
        id: failed.getId(),
        properties: this.plain(failed.getProperties()),
        reasons: failed.getReasonsList(),
      });
    }
    return new ProviderCallError(message);
  }
}
