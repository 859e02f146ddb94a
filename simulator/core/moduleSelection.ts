// Checks the registered vendor modules and picks the ones to start (with what they require).
import type { VendorModule } from "./vendorModule";

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

/**
 * Validates modules (names, unique port offsets ≥ 1) and returns the selected ones plus their
 * requirements, in registry order.
 * @param modules - every registered module
 * @param selected - names to start; undefined = all
 * @throws Error naming the offending module or name
 */
export function selectModules(
  modules: readonly VendorModule[],
  selected: readonly string[] | undefined,
): VendorModule[] {
  const byName = new Map<string, VendorModule>();
  const offsets = new Map<number, string>();
  for (const module of modules) {
    if (!NAME_PATTERN.test(module.name) || module.name === "control") {
      throw new Error(
        `vendor module name ${JSON.stringify(module.name)} must match ${NAME_PATTERN} and not be "control"`,
      );
    }
    if (byName.has(module.name)) throw new Error(`two vendor modules are named ${module.name}`);
    if (!Number.isInteger(module.portOffset) || module.portOffset < 1) {
      throw new Error(
        `vendor ${module.name}: portOffset must be an integer ≥ 1 (0 is the control API)`,
      );
    }
    const clash = offsets.get(module.portOffset);
    if (clash)
      throw new Error(`vendors ${clash} and ${module.name} share portOffset ${module.portOffset}`);
    byName.set(module.name, module);
    offsets.set(module.portOffset, module.name);
  }
  if (selected === undefined) return [...modules];
  const wanted = new Set<string>();
  const visit = (name: string, requiredBy?: string): void => {
    if (wanted.has(name)) return;
    const module = byName.get(name);
    if (!module) {
      const known = [...byName.keys()].join(", ");
      const context = requiredBy ? ` (required by ${requiredBy})` : "";
      throw new Error(`unknown vendor ${JSON.stringify(name)}${context}; registered: ${known}`);
    }
    wanted.add(name);
    for (const requirement of module.requires ?? []) visit(requirement, name);
  };
  for (const name of selected) visit(name);
  return modules.filter((module) => wanted.has(module.name));
}
