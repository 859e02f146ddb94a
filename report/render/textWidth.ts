/**
 * How many terminal columns text takes, and text made safe to print on one line: the table pads
 * cells by what a terminal shows, not by UTF-16 length (a CJK character takes two columns, a
 * combining mark none), and shows a control character (a line feed in a subject) as an escape.
 */

/** Ranges of East Asian wide and fullwidth characters (Unicode's EastAsianWidth W and F). */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /[\u0300-\u036F\u200B-\u200F\uFE00-\uFE0F]/u;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** `text` with each control character written as a JSON-style escape (`\n`, `\u001b`). */
export function printable(text: string): string {
  return text.replace(CONTROL, (char) => JSON.stringify(char).slice(1, -1));
}

/** The columns `text` takes in a terminal (no control characters: pass it through printable). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
  return width;
}
