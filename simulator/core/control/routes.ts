// The control API (`/control/...` on its own listener): inventory, counters, faults, clock, reset,
// env/credentials and vendor actions. Every endpoint mirrors a method of the Simulator object.
import { FaultSpecError } from "../faultSpec";
import { asJson, isJsonObject, type JsonValue } from "../json";
import { requestMatcher } from "../pathPattern";
import { ResponseError, json, type SimResponse } from "../response";
import { route, type Route } from "../router";
import type { SimRequest } from "../request";
import type { Simulator } from "../simulator";
import { VendorActionError } from "../vendorModule";

/** Path prefix of every control endpoint. */
export const CONTROL_PREFIX = "/control";

/**
 * Builds the control routes.
 * @param simulator - returns the running simulator (resolved lazily: routes exist before it does)
 */
export function createControlRoutes(simulator: () => Simulator): Route[] {
  const p = (path: string): string => `${CONTROL_PREFIX}${path}`;
  return [
    route("GET", p(""), () => json(200, describe(simulator()))),
    route("GET", p("/inventory"), () => json(200, inventoryJson(simulator()))),
    route("GET", p("/inventory/:vendor"), (request) => {
      const inventory = simulator().inventory().vendors[request.params.vendor];
      if (!inventory) throw notFound(`unknown vendor ${JSON.stringify(request.params.vendor)}`);
      return json(200, inventory);
    }),
    route("GET", p("/counts"), (request) => countsResponse(simulator(), request)),
    route("POST", p("/counts/reset"), () => {
      simulator().resetCounts();
      return json(200, { counts: [], total: 0 });
    }),
    route("GET", p("/faults"), () => json(200, { faults: asJson(simulator().faults.list()) })),
    route("POST", p("/faults"), (request) => {
      try {
        return json(201, { fault: asJson(simulator().faults.add(objectBody(request) as never)) });
      } catch (error) {
        if (error instanceof FaultSpecError) throw badRequest(error.message);
        throw error;
      }
    }),
    route("DELETE", p("/faults"), () => {
      const removed = simulator().faults.list().length;
      simulator().faults.clear();
      return json(200, { removed });
    }),
    route("DELETE", p("/faults/:id"), (request) => {
      if (!simulator().faults.remove(request.params.id)) {
        throw notFound(`no armed fault with id ${JSON.stringify(request.params.id)}`);
      }
      return json(200, { removed: 1 });
    }),
    route("GET", p("/clock"), () => json(200, clockJson(simulator()))),
    route("PUT", p("/clock"), (request) => {
      const offset = objectBody(request).offsetSeconds;
      if (typeof offset !== "number" || !Number.isFinite(offset)) {
        throw badRequest(
          `offsetSeconds must be a finite number of seconds, got ${JSON.stringify(offset)}`,
        );
      }
      simulator().setClockOffset(offset);
      return json(200, clockJson(simulator()));
    }),
    route("POST", p("/reset"), async () => {
      await simulator().reset();
      return json(200, { reset: true, ...clockJson(simulator()) });
    }),
    route("GET", p("/env"), () => json(200, { env: { ...simulator().env } })),
    route("GET", p("/credentials"), () => json(200, { credentials: simulator().credentials })),
    route("GET", p("/sessions"), () => json(200, { sessions: simulator().sessionCredentials() })),
    route("GET", p("/vendors"), () => json(200, { vendors: simulator().describeVendors() })),
    route("POST", p("/vendors/:vendor/actions/:action"), async (request) => {
      try {
        const { vendor, action } = request.params;
        const result = await simulator().action(vendor, action, objectBody(request));
        return json(200, { result });
      } catch (error) {
        if (error instanceof VendorActionError) {
          throw new ResponseError(errorJson(error.status, error.message));
        }
        throw error;
      }
    }),
    route("POST", p("/save"), async () => {
      await simulator().save();
      return json(200, {
        saved: simulator().statePath !== undefined,
        path: simulator().statePath ?? null,
      });
    }),
  ];
}

function describe(simulator: Simulator): JsonValue {
  return {
    name: "certplane simulator",
    urls: { ...simulator.urls },
    vendors: simulator.describeVendors(),
    endpoints: [
      "GET /control/inventory",
      "GET /control/inventory/{vendor}",
      "GET /control/counts?vendor=&method=&path=",
      "POST /control/counts/reset",
      "GET /control/faults",
      "POST /control/faults",
      "DELETE /control/faults",
      "DELETE /control/faults/{id}",
      "GET /control/clock",
      "PUT /control/clock",
      "POST /control/reset",
      "GET /control/env",
      "GET /control/credentials",
      "GET /control/sessions",
      "GET /control/vendors",
      "POST /control/vendors/{vendor}/actions/{action}",
      "POST /control/save",
    ],
  };
}

function inventoryJson(simulator: Simulator): JsonValue {
  const inventory = simulator.inventory();
  return { vendors: inventory.vendors, counts: asJson(inventory.counts) };
}

function countsResponse(simulator: Simulator, request: SimRequest): SimResponse {
  const vendor = request.query.get("vendor");
  const matches = vendor
    ? requestMatcher({
        vendor,
        method: request.query.get("method") ?? undefined,
        path: request.query.get("path") ?? undefined,
      })
    : () => true;
  const counts = simulator
    .counts()
    .filter((entry) => matches(entry.vendor, entry.method, entry.path));
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  return json(200, { counts: asJson(counts), total });
}

function clockJson(simulator: Simulator): { offsetSeconds: number; now: string } {
  return { offsetSeconds: simulator.clockOffsetSeconds, now: simulator.now().toISOString() };
}

function objectBody(request: SimRequest): Record<string, JsonValue> {
  const body = request.json({});
  if (!isJsonObject(body)) throw badRequest("the request body must be a JSON object");
  return body;
}

function errorJson(status: number, message: string): SimResponse {
  return json(status, { error: status === 404 ? "Not Found" : "Bad Request", message });
}

function badRequest(message: string): ResponseError {
  return new ResponseError(errorJson(400, message));
}

function notFound(message: string): ResponseError {
  return new ResponseError(errorJson(404, message));
}
