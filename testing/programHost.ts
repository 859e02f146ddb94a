/**
 * The runner's side of the language host: forks `languageHost` (through tsx when the program or
 * the host itself is TypeScript), starts the program, answers its registrations through the
 * handlers it is given, and reports how the program ended.
 */
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { ManagedChild } from "./childProcesses";
import type {
  HostMessage,
  ParentMessage,
  ReadRegistration,
  Registration,
  RegistrationReply,
  StartMessage,
} from "./hostProtocol";
import type { LogLine } from "./types";
import type { WireObject } from "./wire";

/** What the engine side does with the program's requests. */
export interface ProgramHandlers {
  register(registration: Registration): Promise<RegistrationReply>;
  read(read: ReadRegistration): Promise<RegistrationReply>;
  outputs(urn: string, outputs: WireObject): void;
}

/** How the program ended: `error` is set when it failed. */
export interface ProgramEnd {
  error?: string;
}

/** Parameters of one program run. */
export interface ProgramHostOptions {
  start: StartMessage;
  cwd: string;
  env: NodeJS.ProcessEnv;
  handlers: ProgramHandlers;
  onLine: (line: LogLine) => void;
}

const TYPESCRIPT_FILE = /\.(c|m)?tsx?$/;

/** The language host script next to this file (`.ts` when the runner itself runs from source). */
function hostScript(): string {
  const extension = path.extname(__filename);
  return path.join(__dirname, `languageHost${extension}`);
}

/** `--import <tsx>` when TypeScript must be loaded, resolved from the project, then from here. */
function loaderArguments(program: string, script: string): string[] {
  if (!TYPESCRIPT_FILE.test(program) && !TYPESCRIPT_FILE.test(script)) return [];
  for (const from of [path.dirname(program), __dirname]) {
    try {
      const loader = require.resolve("tsx", { paths: [from] });
      return ["--import", pathToFileURL(loader).href];
    } catch {
      // try the next place
    }
  }
  throw new Error(
    `The program ${program} is TypeScript but tsx cannot be found from its folder or from ` +
      `pulumi-certplane. Install it (npm install --save-dev tsx) or compile the program to JavaScript.`,
  );
}

/** A running program: `ended` settles when the program reports done or failed, or exits. */
export class ProgramHost {
  readonly child: ManagedChild;
  readonly ended: Promise<ProgramEnd>;

  constructor(options: ProgramHostOptions) {
    const { start, handlers } = options;
    if (!fs.existsSync(start.program)) {
      throw new Error(`The program ${start.program} does not exist.`);
    }
    const script = hostScript();
    const spawned = fork(script, [], {
      cwd: options.cwd,
      env: options.env,
      execArgv: loaderArguments(start.program, script),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.child = new ManagedChild(spawned, "program", options.onLine);

    const reply = (message: ParentMessage) => {
      // Once the program has ended the host is stopped: a late answer has nobody to go to, and the
      // callback keeps the resulting EPIPE from surfacing as an error.
      if (spawned.connected) spawned.send(message, () => undefined);
    };
    const answer = (seq: number, work: Promise<RegistrationReply>) => {
      work.then(
        (result) => reply({ type: "reply", seq, reply: result }),
        (error: Error) => reply({ type: "reply", seq, error: error.message }),
      );
    };
    this.ended = new Promise<ProgramEnd>((resolve) => {
      spawned.on("message", (message: HostMessage) => {
        switch (message.type) {
          case "register":
            return answer(message.seq, handlers.register(message.registration));
          case "read":
            return answer(message.seq, handlers.read(message.read));
          case "outputs":
            return handlers.outputs(message.urn, message.outputs);
          case "done":
            return resolve({});
          case "failed":
            return resolve({ error: message.message });
        }
      });
      this.child.closed.then(() =>
        resolve({
          error: "The program's process exited before the program finished; see the logs.",
        }),
      );
    });
    spawned.send(start);
  }
}
