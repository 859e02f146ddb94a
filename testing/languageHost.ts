/**
 * Entry point of the language host child process: plays the role of Pulumi's Node.js language host
 * for one run. It loads the program's own `@pulumi/pulumi`, puts it in mock mode with the runner's
 * monitor, runs the program inside a stack (its exports become the stack outputs), waits until
 * every registration has been answered, and reports `done` or `failed` over IPC.
 *
 * A fresh process per run keeps the SDK's global state (settings, config, caches) from leaking
 * between runs. Configuration arrives through `PULUMI_CONFIG`/`PULUMI_CONFIG_SECRET_KEYS`, exactly
 * as the real language host passes it.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type * as pulumiSdk from "@pulumi/pulumi";
import { createRunnerMonitor, type Fakes, type MonitorSdk } from "./hostMonitor";
import type {
  HostMessage,
  ParentMessage,
  ReadRegistration,
  Registration,
  RegistrationReply,
  StartMessage,
} from "./hostProtocol";
import type { WireObject } from "./wire";

const waiting = new Map<
  number,
  { resolve: (r: RegistrationReply) => void; reject: (e: Error) => void }
>();
let nextSeq = 0;
let reported = false;

function send(message: HostMessage): void {
  process.send?.(message);
}

function report(message: HostMessage & { type: "done" | "failed" }): void {
  // Only the first verdict counts: a failure after "done" (or a second failure) adds nothing.
  if (reported) return;
  reported = true;
  send(message);
}

function ask(
  message:
    { type: "register"; registration: Registration } | { type: "read"; read: ReadRegistration },
) {
  const seq = nextSeq++;
  return new Promise<RegistrationReply>((resolve, reject) => {
    waiting.set(seq, { resolve, reject });
    send({ ...message, seq } as HostMessage);
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack || error.message;
  return String(error);
}

/** Loads the program module like Pulumi's language host: exports, or a default function's result. */
async function runProgram(program: string): Promise<unknown> {
  let exported: Record<string, unknown>;
  try {
    exported = require(program) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ESM") throw error;
    exported = (await import(pathToFileURL(program).href)) as Record<string, unknown>;
  }
  const keys = Object.keys(exported).filter((key) => key !== "__esModule");
  const main =
    typeof exported === "function"
      ? exported
      : keys.length === 1 && typeof exported.default === "function"
        ? exported.default
        : undefined;
  return main ? await (main as () => unknown)() : exported;
}

async function start(message: StartMessage): Promise<void> {
  // The program's SDK, not the runner's: mock mode must be switched on in the copy it uses.
  const fromProgram = createRequire(message.program);
  const sdkEntry = fromProgram.resolve("@pulumi/pulumi");
  const fromSdk = createRequire(sdkEntry);
  const pulumi = fromSdk(sdkEntry) as typeof pulumiSdk;
  const settings = fromSdk("./runtime/settings") as {
    setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
    waitForRPCs?(): Promise<void>;
    disconnect(): Promise<void>;
  };
  const store = (fromSdk("./runtime/state") as { getStore(): Record<string, unknown> }).getStore();
  const sdk: MonitorSdk = {
    MockMonitor: fromSdk("./runtime/mocks").MockMonitor,
    resource: fromSdk("./proto/resource_pb"),
    struct: fromSdk("google-protobuf/google/protobuf/struct_pb"),
  };
  const fakes = loadFakes(message.fakes);
  const monitor = createRunnerMonitor({
    sdk,
    fakes,
    project: message.project,
    stack: message.stack,
    bridge: {
      register: (registration) => ask({ type: "register", registration }),
      read: (read) => ask({ type: "read", read }),
      outputs: (urn: string, outputs: WireObject) => send({ type: "outputs", urn, outputs }),
    },
  });

  // setMocks switches on the features this SDK version supports with mocks (secrets, resource
  // references, …); setMockOptions then swaps in our monitor, which resets those flags, so they
  // are copied across.
  const mocks = { newResource: () => ({ id: "", state: {} }), call: () => ({}) };
  await pulumi.runtime.setMocks(mocks, message.project, message.stack, message.preview);
  const features = Object.entries(store).filter(([key]) => key.startsWith("supports"));
  settings.setMockOptions(monitor, message.project, message.stack, message.preview);
  for (const [key, value] of features) store[key] = value;

  await pulumi.runtime.runInPulumiStack(() => runProgram(message.program));
  // Every registration must be answered before the verdict; older SDKs only expose disconnect(),
  // which waits the same way.
  await (settings.waitForRPCs ? settings.waitForRPCs() : settings.disconnect());
  const logErrors = Number(store.logErrorCount ?? 0);
  if (logErrors > 0) {
    report({ type: "failed", message: `The program logged ${logErrors} error(s); see the logs.` });
  } else {
    report({ type: "done" });
  }
}

function loadFakes(file: string | undefined): Fakes {
  if (!file) return {};
  const loaded = require(file) as { default?: Fakes } & Fakes;
  return (loaded.default && typeof loaded.default === "object" ? loaded.default : loaded) as Fakes;
}

function fail(error: unknown): void {
  report({ type: "failed", message: describe(error) });
}

// The runner went away (killed, or its test timed out): nobody will answer, so stop.
process.on("disconnect", () => process.exit(1));
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
process.on("message", (message: StartMessage | ParentMessage) => {
  if (message.type === "start") {
    start({ ...message, program: path.resolve(message.program) }).catch(fail);
    return;
  }
  const entry = waiting.get(message.seq);
  waiting.delete(message.seq);
  if (!entry) return;
  if ("error" in message) entry.reject(new Error(message.error));
  else entry.resolve(message.reply);
});
