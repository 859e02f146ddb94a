/**
 * A resource's sdk class file: the `pulumi.dynamic.Resource` subclass with its Args interface,
 * declared outputs and the props it registers (inputs with secrets wrapped, every output named),
 * plus the object types only this resource takes.
 */
import { GENERATED_HEADER } from "./header";
import { className, importPath, objectTypeFile, resourceFile } from "./layout";
import { isWrapped, objectTypeDeclarations, secretFieldsConstName } from "./objectTypes";
import { docComment, propertyDocText } from "./tsdoc";
import { inputType, valueType } from "./tsTypes";
import { objectTypes, referencedType, refToken, tsName, type Schema } from "./schemaTypes";
import { derivedOutputs } from "../../provider/core/packageSchema";

/** The text of sdk/<hooks>.ts for resource `token`, before formatting. */
export function resourceClassFile(schema: Schema, token: string): string {
  const file = resourceFile(schema, token);
  const localTypes = objectTypes(schema)
    .map(([typeToken]) => typeToken)
    .filter((typeToken) => objectTypeFile(schema, typeToken) === file);
  return [
    GENERATED_HEADER + imports(schema, token, file),
    ...localTypes.map((typeToken) => objectTypeDeclarations(schema, typeToken)),
    argsInterface(schema, token),
    resourceClass(schema, token),
  ].join("\n");
}

/** How one input reaches the props: wrapped as a secret, or as given. */
function wrapping(schema: Schema, token: string, input: string): string | undefined {
  const property = schema.resources[token].inputProperties[input];
  const type = referencedType(schema, property);
  if (type?.type === "object" && isWrapped(type))
    return `withSecretFields(args.${input}, ${secretFieldsConstName(refToken(property.$ref as string), type)})`;
  if (property.secret) return `secretInput(args.${input})`;
  return undefined;
}

function imports(schema: Schema, token: string, file: string): string {
  const resource = schema.resources[token];
  const inputs = Object.keys(resource.inputProperties);
  const wrappings = inputs.map((input) => wrapping(schema, token, input) ?? "");
  const secretHelpers = ["secretInput", "withSecretFields"].filter((helper) =>
    wrappings.some((w) => w.startsWith(`${helper}(`)),
  );
  const lines = ['import * as pulumi from "@pulumi/pulumi";'];
  if (secretHelpers.length > 0)
    lines.push(
      `import { ${secretHelpers.join(", ")} } from "${importPath(file, "sdk/secrets.ts")}";`,
    );
  lines.push(`import { refuseImport } from "${importPath(file, "sdk/importOption.ts")}";`);
  lines.push(`import { hooksShim } from "${importPath(file, "sdk/shim.ts")}";`);
  if (derivedOutputs(resource).length > 0)
    lines.push(`import { concatenation } from "${importPath(file, "sdk/derivedOutputs.ts")}";`);
  // Object types written elsewhere (the connection files), grouped by file.
  const byFile = new Map<string, Set<string>>();
  for (const property of Object.values(resource.inputProperties)) {
    const type = referencedType(schema, property);
    if (type?.type !== "object") continue;
    const typeToken = refToken(property.$ref as string);
    const typeFile = objectTypeFile(schema, typeToken);
    if (typeFile === file) continue;
    const names = byFile.get(typeFile) ?? new Set<string>();
    if (isWrapped(type)) names.add(secretFieldsConstName(typeToken, type));
    names.add(`type ${tsName(typeToken, type)}`);
    byFile.set(typeFile, names);
  }
  for (const [typeFile, names] of byFile)
    lines.push(`import { ${[...names].join(", ")} } from "${importPath(file, typeFile)}";`);
  return `${lines.join("\n")}\n`;
}

function argsInterface(schema: Schema, token: string): string {
  const resource = schema.resources[token];
  const required = new Set(resource.requiredInputs);
  const members = Object.entries(resource.inputProperties).map(
    ([name, property]) =>
      docComment(propertyDocText(property, true), "  ") +
      `  ${name}${required.has(name) ? "" : "?"}: ${inputType(schema, property)};\n`,
  );
  const name = className(token);
  return (
    docComment(`Arguments of {@link ${name}}.`, "") +
    `export interface ${name}Args {\n${members.join("")}}\n`
  );
}

function resourceClass(schema: Schema, token: string): string {
  const resource = schema.resources[token];
  const name = className(token);
  const required = new Set(resource.required);
  const derived = new Map(derivedOutputs(resource));
  const declares = Object.entries(resource.properties).map(([output, property]) => {
    const type = valueType(schema, property) + (required.has(output) ? "" : " | undefined");
    return (
      docComment(propertyDocText(property, false), "  ") +
      `  declare public readonly ${output}: pulumi.Output<${type}>;\n`
    );
  });
  // After `super`, which made the stored outputs: the derived ones are made from them here.
  const derivations = [...derived].map(
    ([output, parts]) =>
      `    this.${output} = concatenation(${parts.map((part) => `this.${part}`).join(", ")});\n`,
  );
  const secretOutputs = Object.keys(resource.properties).filter(
    (output) => resource.properties[output].secret === true,
  );
  const { dynamicType, hooks } = resource.language.certplane;
  // `import` cannot work for a dynamic resource: refused with what to use instead (sdk/importOption.ts).
  const checkedOpts = `refuseImport(opts, ${JSON.stringify(dynamicType)}, name)`;
  const options =
    secretOutputs.length > 0
      ? `pulumi.mergeOptions(${checkedOpts}, { additionalSecretOutputs: ${JSON.stringify(secretOutputs)} })`
      : checkedOpts;
  return (
    docComment(resource.description, "") +
    `export class ${name} extends pulumi.dynamic.Resource {\n` +
    declares.join("") +
    "\n" +
    docComment(
      [
        "@param name - the Pulumi resource name.",
        "@param args - the resource's arguments.",
        "@param opts - standard resource options.",
      ].join("\n"),
      "  ",
    ) +
    `  constructor(name: string, args: ${name}Args, opts?: pulumi.CustomResourceOptions) {\n` +
    "    super(\n" +
    `      hooksShim(${JSON.stringify(hooks)}),\n` +
    "      name,\n" +
    `      ${props(schema, token)},\n` +
    `      ${options},\n` +
    `      ${JSON.stringify(schema.name)},\n` +
    `      ${JSON.stringify(dynamicType)},\n` +
    "    );\n" +
    derivations.join("") +
    "  }\n" +
    "}\n"
  );
}

/**
 * The props given to `super`: the args, secrets wrapped, then every output named, because
 * Pulumi makes an output only of a key present in the props.
 */
function props(schema: Schema, token: string): string {
  const resource = schema.resources[token];
  const inputs = Object.keys(resource.inputProperties);
  const required = new Set(resource.requiredInputs);
  const lines = ["...args,"];
  for (const input of inputs) {
    const wrapped = wrapping(schema, token, input);
    if (wrapped) lines.push(`${input}: ${wrapped},`);
  }
  const echoed = Object.keys(resource.properties).filter(
    (output) =>
      inputs.includes(output) && !required.has(output) && !wrapping(schema, token, output),
  );
  if (echoed.length > 0) {
    lines.push(
      "// Optional inputs that are also outputs: named, so each is an output even when not given.",
    );
    for (const output of echoed) lines.push(`${output}: args.${output},`);
  }
  const derived = new Set(derivedOutputs(resource).map(([output]) => output));
  const computed = Object.keys(resource.properties).filter(
    (output) => !inputs.includes(output) && !derived.has(output),
  );
  if (computed.length > 0) {
    lines.push("// Outputs only: named as undefined, so the engine fills them in.");
    for (const output of computed) lines.push(`${output}: undefined,`);
  }
  return `{\n${lines.join("\n")}\n}`;
}
