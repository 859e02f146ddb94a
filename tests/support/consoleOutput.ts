/**
 * What a console would print, kept as text: specs that judge what a user's test shows when it logs a
 * value (a secret must not appear) read it instead of the test's own stderr.
 */
import { Console } from "node:console";
import { Writable } from "node:stream";

/** The text `write` writes to a console (stdout and stderr alike). */
export function consoleOutput(write: (console: Console) => void): string {
  let text = "";
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      text += chunk.toString();
      done();
    },
  });
  // The global console's formatting (util.formatWithOptions), into a string.
  write(new Console({ stdout: sink, stderr: sink }));
  return text;
}
