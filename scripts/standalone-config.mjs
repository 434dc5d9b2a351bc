// Inside .next/standalone there is no next.config.ts (nor the TypeScript to load it): the build wrote
// the resolved config to .next/required-server-files.json, and Next reads it from this variable, as
// the standalone server.js it generates does. A no-op in the repository, where next.config.ts is.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export function useStandaloneConfig(dir) {
  const file = path.join(dir, ".next", "required-server-files.json");
  if (existsSync(path.join(dir, "next.config.ts")) || !existsSync(file)) return false;
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(file, "utf8")).config);
  return true;
}
