// The SBC's XML envelope: every answer is <response><data/><messages/><links/></response>
// (vendor-apis.md 1.2), built with fast-xml-parser so values are escaped the way a device would.
import { XMLBuilder } from "fast-xml-parser";
import { empty, xml, type SimResponse } from "../core/response";

const builder = new XMLBuilder({ suppressEmptyNode: true, format: false });

/** An XML fragment as fast-xml-parser builds it: nested objects, arrays for repeated elements. */
export type XmlData = Record<string, unknown>;

/**
 * A response in the SBC envelope.
 * @param status - HTTP status
 * @param data - the `<data>` payload (omit for `<data/>`)
 * @param messages - message texts, each an `<message>` item of `<messages>`
 * @param links - link texts, each a `<link>` item of `<links>`
 */
export function envelope(
  status: number,
  data: XmlData | undefined,
  messages: readonly string[] = [],
  links: readonly string[] = [],
): SimResponse {
  const document = {
    response: {
      data: data ?? "",
      messages: messages.length > 0 ? { message: [...messages] } : "",
      links: links.length > 0 ? { link: [...links] } : "",
    },
  };
  return xml(
    status,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${builder.build(document) as string}`,
  );
}

/**
 * An error answer: empty data and one message.
 * @param status - HTTP status
 * @param message - the device's message text
 */
export function sbcError(status: number, message: string): SimResponse {
  return envelope(status, undefined, [message]);
}

/** 204 without a body (lock, unlock). */
export function noContent(): SimResponse {
  return empty(204);
}

/**
 * One value or a list of values from a parsed XML node, as a list.
 * @param value - what fast-xml-parser produced
 */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
