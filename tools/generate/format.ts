/** Generated TypeScript and JSON go through prettier with the repository's settings before it is compared or written. */
import * as path from "node:path";
import * as prettier from "prettier";

/**
 * `text` as prettier formats repository file `file`, TypeScript and JSON (so `npm run lint`'s
 * prettier check agrees with the generator); Markdown is returned as it is (.prettierignore has it).
 */
export async function formatted(root: string, file: string, text: string): Promise<string> {
  if (!file.endsWith(".ts") && !file.endsWith(".json")) return text;
  const filepath = path.join(root, file);
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, filepath });
}
