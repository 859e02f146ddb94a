/**
 * TSDoc comments from schema descriptions: paragraphs wrapped to the line width, `@see` lines and
 * one default tag spelling (`@default <literal>` or `@default - <behaviour>`) kept whole.
 */
import { propertySummary } from "./propertyText";
import { literalDefault, type Property } from "./schemaTypes";

/** prettier's printWidth (.prettierrc): comments are wrapped to it, since prettier leaves them be. */
const LINE_WIDTH = 100;

/** The TSDoc block for `text` (paragraphs separated by blank lines; `@` lines are tags). */
export function docComment(text: string, indent: string): string {
  const width = LINE_WIDTH - indent.length - 3;
  const lines: string[] = [];
  for (const paragraph of text.trim().split(/\n\s*\n/)) {
    if (lines.length > 0 && !paragraph.startsWith("@")) lines.push("");
    else if (lines.length > 0 && !lines[lines.length - 1].startsWith("@")) lines.push("");
    for (const line of paragraph.split("\n"))
      lines.push(...(line.startsWith("@") ? [line] : wrap(line, width)));
  }
  const escaped = lines.map((line) => line.replace(/\*\//g, "*\\/"));
  if (escaped.length === 1 && indent.length + escaped[0].length + 7 <= LINE_WIDTH)
    return `${indent}/** ${escaped[0]} */\n`;
  const body = escaped.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)).join("\n");
  return `${indent}/**\n${body}\n${indent} */\n`;
}

/** Words of `line` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of line.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/**
 * The text of a property's comment: its summary, and for an input (or an object type's field) its
 * default tag.
 */
export function propertyDocText(property: Property, asInput: boolean): string {
  const tag = asInput ? defaultTag(property) : undefined;
  return [propertySummary(property, asInput), ...(tag ? [tag] : [])].join("\n\n");
}

/** `@default <literal>` or `@default - <words>`, or undefined when the property has no default. */
export function defaultTag(property: Property): string | undefined {
  const literal = literalDefault(property);
  if (literal !== undefined) return `@default ${JSON.stringify(literal)}`;
  const text = property.language?.certplane?.defaultText;
  return text === undefined ? undefined : `@default - ${text}`;
}
