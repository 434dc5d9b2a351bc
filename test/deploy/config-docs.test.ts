// The README's configuration table names every variable server/env.ts reads (NODE_ENV aside: the
// runtime sets it), so a new setting such as SHUTDOWN_GRACE_MS cannot land undocumented.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { envSchema } from "@/server/env";
import { root } from "./harness";

it("documents every environment variable in the README's configuration table", () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
  const rows = table.split("\n").filter((l) => l.startsWith("| `"));
  const documented = new Set(rows.flatMap((l) => [...l.split(" | ")[0]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!)));
  const missing = Object.keys(envSchema.shape).filter((k) => k !== "NODE_ENV" && !documented.has(k));
  expect(missing).toEqual([]);
  expect(documented).toContain("SHUTDOWN_GRACE_MS");
});
