// The seeded templates are real: each parses, renders with sample values, and its output says
// what it should (GitHub expressions survive Liquid, loops expand, conditional parts switch).
import { describe, expect, it } from "vitest";
import { checkSources, renderFiles } from "../render";
import { resolveVariables, type VariablesSchema } from "../variables";
import { ciWorkflowTemplate } from "./ci-workflow";
import { mcpServerTemplate } from "./mcp-server";
import { releaseNotesTemplate } from "./release-notes";
import { routeHandlerTemplate } from "./route-handler";

async function render(t: typeof mcpServerTemplate, values: Record<string, unknown>) {
  expect(await checkSources(t.files, t.instructions)).toEqual([]);
  const vars = resolveVariables(t.variables as VariablesSchema, values);
  const out = await renderFiles(t.files, vars, t.instructions);
  return { files: Object.fromEntries(out.files.map((f) => [f.path, Buffer.from(f.bytes).toString("utf8")])), instructions: out.instructions };
}

describe("seeded templates", () => {
  it("Release notes: sections appear only when they have entries", async () => {
    const out = await render(releaseNotesTemplate, { project: "shop", version: "2.0.0", previous: "1.4.0", added: ["Wish lists", "Gift cards"], fixed: [], security: true });
    const log = out.files["CHANGELOG.md"]!;
    expect(log).toContain("## [2.0.0]\n\n### Added\n- Wish lists\n- Gift cards\n");
    expect(log).not.toContain("### Fixed");
    expect(log).toContain("### Security");
    expect(log).toContain("[2.0.0]: https://github.com/acme/storefront/compare/v1.4.0...v2.0.0");
    expect(out.files[".github/release-notes/v2.0.0.md"]).toContain("- New: Gift cards");
    expect(out.instructions).toContain("gh release create v2.0.0 --notes-file .github/release-notes/v2.0.0.md");
  });

  it("MCP server: one tool per name, stdio or HTTP", async () => {
    const stdio = await render(mcpServerTemplate, { name: "weather", tools: ["forecast", "alerts"] });
    expect(Object.keys(stdio.files).sort()).toEqual(["weather/.gitignore", "weather/package.json", "weather/src/index.ts", "weather/src/server.test.ts", "weather/src/server.ts", "weather/tsconfig.json"]);
    expect(JSON.parse(stdio.files["weather/package.json"]!)).toMatchObject({ name: "weather", bin: { weather: "dist/index.js" } });
    expect(stdio.files["weather/src/server.ts"]).toContain('"forecast"');
    expect(stdio.files["weather/src/server.ts"]).toContain('"alerts"');
    expect(stdio.files["weather/src/server.test.ts"]).toContain('["alerts","forecast"]');
    expect(stdio.files["weather/src/index.ts"]).toContain("StdioServerTransport");
    expect(stdio.instructions).toContain("`forecast`, `alerts`");
    const http = await render(mcpServerTemplate, { name: "weather", transport: "http", port: 4000 });
    expect(http.files["weather/src/index.ts"]).toContain(".listen(4000");
    expect(http.instructions).toContain("http://localhost:4000/mcp");
  });

  it("Route handler: fields expand, POST is optional", async () => {
    const full = await render(routeHandlerTemplate, { resource: "projects", entity: "Project", fields: ["name", "owner"] });
    expect(full.files["app/api/projects/route.ts"]).toContain("owner: z.string()");
    expect(full.files["app/api/projects/route.test.ts"]).toContain('toBe("name")');
    const readOnly = await render(routeHandlerTemplate, { resource: "projects", entity: "Project", withPost: false });
    expect(readOnly.files["app/api/projects/route.ts"]).not.toContain("POST");
    expect(readOnly.files["app/api/projects/route.test.ts"]).not.toContain("POST");
  });

  it("CI workflow: GitHub expressions are kept, the matrix and services follow the variables", async () => {
    const out = await render(ciWorkflowTemplate, { postgres: true, nodeVersions: ["20"] });
    const yml = out.files[".github/workflows/ci.yml"]!;
    expect(yml).toContain("group: ci-${{ github.ref }}");
    expect(yml).toContain("node-version: ${{ matrix.node }}");
    expect(yml).toContain('node: ["20"]');
    expect(yml).toContain("postgres:16");
    expect(out.instructions).toContain("DATABASE_URL");
  });
});
