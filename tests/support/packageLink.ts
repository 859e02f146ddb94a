/**
 * Tests resolve `pulumi-certplane` in the processes they spawn through the same NODE_PATH link as the
 * demo (see tools/devkit/packageLink.ts). The hooks load from dist/, so `npm run build` first (npm test does).
 */
export { REPO_ROOT, packageNodePath } from "../../tools/devkit/packageLink";
