/**
 * The native `certplane` provider: every resource type of the schema, each served by the hooks
 * module its dynamic resource uses (resourceHooks.ts), so both front doors run one code path.
 *
 * Around the hooks, this door does what the dynamic-provider host and the engine do around them on
 * the other: secrets arrive in envelopes (this server accepts secrets) and are revealed before a hook
 * sees them; what goes back is marked secret where the input was secret under the same name and
 * wherever the schema says `secret` (schemaSecrets.ts), with the outputs the schema derives
 * (derivedOutputs.ts). A partial create keeps `id`, `properties`
 * and `reasons`, so `@pulumi/pulumi/provider`'s server reports it as the dynamic host does. A Read
 * with no state is an import (./importRead.ts): it answers the declared inputs too, or refuses.
 */
import type * as pulumi from "@pulumi/pulumi/provider";
import { resourceSchema, type ResourceSchema } from "../core/packageSchema";
import { hooksFor, typeOfUrn } from "./resourceHooks";
import { isStateless, readForImport } from "./importRead";
import { packageSchemaText, packageVersion } from "./packageInfo";
import { markSchemaSecrets } from "./schemaSecrets";
import { carrySecrets, reveal } from "./secretWire";
import { storedInputs } from "./readInputs";
import { withDerivedOutputs } from "./derivedOutputs";

type Props = Record<string, unknown>;

/** A property map as the hooks take it: every secret revealed (an empty map for nothing). */
function plain(value: unknown): Props {
  const revealed = reveal(value ?? {});
  return typeof revealed === "object" && revealed !== null ? (revealed as Props) : {};
}

/** Every field a resource's outputs can hold: its outputs and the inputs it echoes. */
function outputFields(schema: ResourceSchema) {
  return { ...schema.inputProperties, ...schema.properties };
}

/** Outputs (or inputs) going back to the engine: secret where `ins` was, and where the schema says. */
function marked(
  values: object | undefined,
  ins: Props,
  fields: ResourceSchema["properties"],
): Props {
  const copy = { ...((values ?? {}) as Props) };
  return markSchemaSecrets(carrySecrets(copy, ins), fields);
}

/**
 * A hook's outputs going back to the engine: with the derived outputs the hooks never return
 * (derivedOutputs.ts; Python, Go and YAML programs read them from state), then marked.
 */
function outputsBack(outs: object | undefined, ins: Props, schema: ResourceSchema): Props {
  return marked(withDerivedOutputs(schema, outs), ins, outputFields(schema));
}

/** An error carrying a partial create's facts, with its properties marked like outputs. */
function withMarkedProperties(error: unknown, ins: Props, schema: ResourceSchema): unknown {
  const e = error as { id?: unknown; properties?: object };
  if (typeof error !== "object" || error === null || !e.id) return error;
  Object.defineProperty(error, "properties", {
    value: outputsBack(e.properties, ins, schema),
    enumerable: true,
  });
  return error;
}

/** The provider `@pulumi/pulumi/provider`'s `main()` serves. */
export const certplaneProvider: pulumi.Provider = {
  version: packageVersion(),

  getSchema: async () => packageSchemaText(),

  async check(urn, olds, news) {
    const token = typeOfUrn(urn);
    const schema = resourceSchema(token);
    const hooks = await hooksFor(token);
    const result = await hooks.check(plain(olds), plain(news));
    return {
      inputs: marked(result.inputs, news as Props, schema.inputProperties),
      failures: result.failures as pulumi.CheckFailure[] | undefined,
    };
  },

  async diff(id, urn, olds, news) {
    const hooks = await hooksFor(typeOfUrn(urn));
    return hooks.diff(id, plain(olds), plain(news));
  },

  async create(urn, inputs) {
    const token = typeOfUrn(urn);
    const schema = resourceSchema(token);
    const hooks = await hooksFor(token);
    try {
      const result = await hooks.create(plain(inputs));
      return { id: result.id, outs: outputsBack(result.outs, inputs as Props, schema) };
    } catch (error) {
      throw withMarkedProperties(error, inputs as Props, schema);
    }
  },

  async read(id, urn, props) {
    const token = typeOfUrn(urn);
    const schema = resourceSchema(token);
    const hooks = await hooksFor(token);
    const state = plain(props);
    // No state: an import, which needs the declared inputs too (./importRead.ts).
    const result = isStateless(state)
      ? await readForImport(token, id)
      : await hooks.read(id, state, plain(storedInputs()));
    return {
      id: result.id,
      props: result.props && outputsBack(result.props, props as Props, schema),
      inputs: result.inputs && marked(result.inputs, props as Props, schema.inputProperties),
    };
  },

  async update(id, urn, olds, news) {
    const token = typeOfUrn(urn);
    const schema = resourceSchema(token);
    const hooks = await hooksFor(token);
    try {
      const result = await hooks.update(id, plain(olds), plain(news));
      return { outs: outputsBack(result.outs, news as Props, schema) };
    } catch (error) {
      throw withMarkedProperties(error, news as Props, schema);
    }
  },

  async delete(id, urn, props) {
    const hooks = await hooksFor(typeOfUrn(urn));
    await hooks.delete(id, plain(props));
  },
};
