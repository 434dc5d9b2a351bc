// The design's import arrows and the `server-only` marker are ESLint rules (eslint.config.mjs): these
// fixtures prove they bite — a forbidden import in each layer is an error, the imports the design
// allows pass, and a server module without the marker is an error.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("import directions", () => {
  it.each([
    ["server/services/tasks/x.ts", `import { env } from "@/server/env";\nexport const e = env;`, /composition root/],
    ["server/services/tasks/x.ts", `import { env } from "../../env";\nexport const e = env;`, /composition root/],
    ["server/services/tasks/x.ts", `import { appRouter } from "@/server/routers/_app";\nexport const r = appRouter;`, /Services sit below/],
    ["server/services/tasks/x.ts", `export const r = () => import("@/server/trpc/init");`, /Services sit below/],
    ["server/services/tasks/x.ts", `import { headers } from "next/headers";\nexport const h = headers;`, /Next\.js/],
    ["server/services/filegen/x.ts", `import { storage } from "@/server/adapters/storage";\nexport const s = storage;`, /singletons/],
    ["server/services/filegen/x.ts", `import { getSigningSecret } from "@/server/auth/secret";\nexport const s = getSigningSecret;`, /singletons/],
    ["server/services/filegen/x.ts", `import { getDb } from "@/server/db";\nexport const d = getDb;`, /singletons/],
    ["server/adapters/storage/x.ts", `import { createTask } from "@/server/services/tasks/tasks";\nexport const c = createTask;`, /Adapters/],
    ["db/schema/x.ts", `import { env } from "@/server/env";\nexport const e = env;`, /bottom layer/],
    ["server/mcp/x.ts", `import { createTask } from "@/server/services/tasks/tasks";\nexport const c = createTask;`, /generated from the router/],
    ["server/rest/x.ts", `import { getDb } from "@/db/client";\nexport const d = getDb;`, /generated from the router/],
    ["components/tasks/x.tsx", `import { createTask } from "@/server/services/tasks/tasks";\nexport const c = createTask;`, /through tRPC/],
    ["components/tasks/x.tsx", `import { appRouter } from "@/server/routers/_app";\nexport const r = appRouter;`, /type only/],
    ["app/api/x/route.ts", `import { agents } from "@/db/schema";\nexport const a = agents;`, /through a service/],
  ])("%s: %s is an error", async (file, code, message) => {
    const found = await problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ["server/services/tasks/x.ts", `import { agents } from "@/db/schema";\nimport type { BlobStorage } from "@/server/adapters/storage/types";\nimport type { ServiceContext } from "../context";\nexport const a: [unknown, BlobStorage?, ServiceContext?] = [agents];`],
    ["server/routers/x.ts", `import { createTask } from "@/server/services/tasks/tasks";\nexport const c = createTask;`],
    ["server/mcp/x.ts", `import { appRouter } from "@/server/routers/_app";\nexport const r = appRouter;`],
    ["components/tasks/x.tsx", `import type { AppRouter } from "@/server/routers/_app";\nexport type R = AppRouter;`],
    // Tests set up fixtures across layers.
    ["server/services/tasks/x.test.ts", `import { appRouter } from "@/server/routers/_app";\nexport const r = appRouter;`],
  ])("%s: allowed imports pass", async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it("requires server modules to start with the server-only marker", async () => {
    const rule = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
      return result!.messages.filter((m) => m.ruleId === "local/server-only").map((m) => m.message);
    };
    expect(await rule("server/adapters/x/y.ts", `// why\nexport const a = 1;`)).toEqual(['A server module starts with `import "server-only";`.']);
    expect(await rule("server/routers/y.ts", `import { z } from "zod";\nimport "server-only";\nexport const a = z;`)).toHaveLength(1);
    expect(await rule("server/adapters/x/y.ts", `import "server-only";\n// why\nexport const a = 1;`)).toEqual([]);
    // Shared with the browser, next.config.ts or tests: exempt.
    expect(await rule("server/schemas/y.ts", `export const a = 1;`)).toEqual([]);
    expect(await rule("server/env.ts", `export const a = 1;`)).toEqual([]);
    expect(await rule("server/adapters/x/y.test.ts", `export const a = 1;`)).toEqual([]);
  });
});
