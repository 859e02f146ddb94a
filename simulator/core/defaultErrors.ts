// The error body a vendor gets for core-produced errors when it does not render its own.
import { STATUS_CODES } from "node:http";
import { json, type SimResponse } from "./response";

/**
 * `{"error": <reason phrase>, "message": <message>}` as JSON.
 * @param status - HTTP status
 * @param message - what went wrong
 */
export function defaultErrorResponse(status: number, message: string): SimResponse {
  return json(status, { error: STATUS_CODES[status] ?? "Error", message });
}
