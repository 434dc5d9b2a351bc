import js from "@eslint/js";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

// The design's arrows (../shared/DESIGN.md §2): app → server/trpc → server/routers → server/services →
// db, server/adapters; server/mcp and server/rest → the router. ESLint's own no-restricted-imports, one
// entry per layer, rather than eslint-plugin-boundaries or import-x's no-restricted-paths: those resolve
// every import through a TypeScript resolver (two more dependencies for the `@/` alias, and a resolve per
// import on every lint) to answer what the specifier already says. The specifier is matched as written:
// `@/server/env` and a relative climb such as `../../env` alike, so a relative path cannot slip past.
const to = (...names) => `^(@/|(\\.\\./)+)(${names.join("|")})(/|$)`;
const arrow = (names, message, extra = {}) => ({ regex: to(...names), message, ...extra });
const layerRules = {
  services: [
    arrow(["server/routers", "routers", "server/trpc", "trpc", "server/mcp", "mcp", "server/rest", "rest"], "Services sit below the API: routers, tRPC, MCP and REST call services, never the other way."),
    arrow(["server/env", "env"], "Services receive configuration from their caller (the composition root reads server/env)."),
    {
      // The process's singletons: storage, the signing secret, the database handle, the composition root itself.
      regex: "^(@/|(\\.\\./)+)(server/)?(deps|db|auth|auth/index|auth/secret|adapters/storage|adapters/storage/index)$",
      message: "Services receive storage, the signer and the database from their caller (ServiceDeps, ServiceContext), not the process's singletons.",
    },
    arrow(["app", "components"], "Services never import pages or components."),
    { regex: "^next(/|$)", message: "Services never use Next.js APIs: they run the same from a request, a workflow step, a test or the CLI." },
  ],
  adapters: [
    arrow(["server/services", "services", "server/routers", "routers", "server/trpc", "trpc", "app", "components"], "Adapters are infrastructure: they never import services, routers, tRPC or pages."),
  ],
  db: [arrow(["server", "app", "components"], "db/ is the bottom layer: it never imports server/, pages or components.")],
  surfaces: [
    arrow(["server/services", "services", "db"], "MCP and REST are generated from the router: they call procedures, not services or db."),
    arrow(["app", "components"], "MCP and REST never import pages or components."),
  ],
  routers: [arrow(["server/mcp", "mcp", "server/rest", "rest", "app", "components"], "Routers sit below the API surfaces and pages.")],
  trpc: [arrow(["app", "components"], "server/trpc never imports pages or components.")],
  components: [
    arrow(["server/services", "db", "server/db", "server/adapters", "server/workflows"], "Components talk to the server through tRPC, not services or db."),
    // The router's type is how the client gets its types; nothing of its code reaches the browser.
    arrow(["server/routers", "server/trpc"], "Components reach procedures through the tRPC client; import the router's type only.", { allowTypeImports: true }),
  ],
  app: [arrow(["db"], "Pages and route handlers hold no domain logic: query through a service.")],
};
// Dynamic import() is not seen by no-restricted-imports: the same arrows as syntax selectors.
const processEnv = { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration from server/env.ts" };
const dynamicImports = (patterns) =>
  patterns.map((p) => ({ selector: `ImportExpression > Literal[value=/${p.regex.replaceAll("/", "\\/")}/]`, message: p.message }));
const layer = (files, name) => ({
  files,
  ignores: ["**/*.test.ts", "**/fixtures/**", "**/testing.ts"],
  rules: {
    "no-restricted-imports": ["error", { patterns: layerRules[name] }],
    "no-restricted-syntax": ["error", processEnv, ...dynamicImports(layerRules[name].filter((p) => !p.allowTypeImports))],
  },
});

// Server modules start with `import "server-only"`, so a client component that reaches one fails the
// build instead of shipping it. Not: what the browser or plain Node loads too — the shared input shapes
// (server/schemas, in forms and the SDK), server/env.ts and the plans it validates (next.config.ts),
// the proxy's header name (proxy.ts) — and tests, which alias the package away (vitest.config.ts).
const local = {
  rules: {
    "server-only": {
      meta: { type: "problem", fixable: "code", messages: { missing: 'A server module starts with `import "server-only";`.' } },
      create(context) {
        return {
          Program(node) {
            const first = node.body[0];
            if (first?.type === "ImportDeclaration" && first.source.value === "server-only") return;
            context.report({ node: first ?? node, messageId: "missing", fix: (fixer) => fixer.insertTextBeforeRange([0, 0], 'import "server-only";\n') });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "db/migrations/", "next-env.d.ts", "test-results/", "playwright-report/", "sdk/dist/", "sdk/.build/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      // Lint what bites: an update or delete without where rewrites a whole table.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", processEnv],
    },
  },
  {
    files: ["scripts/**/*.mjs", "server/**/*.mjs", "deploy/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", AbortController: "readonly", Request: "readonly", Response: "readonly", Headers: "readonly", globalThis: "readonly" } },
  },
  layer(["server/services/**"], "services"),
  layer(["server/adapters/**"], "adapters"),
  layer(["db/**"], "db"),
  layer(["server/mcp/**", "server/rest/**"], "surfaces"),
  layer(["server/routers/**"], "routers"),
  layer(["server/trpc/**"], "trpc"),
  layer(["components/**"], "components"),
  layer(["app/**"], "app"),
  {
    files: ["server/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.d.mts", "**/fixtures/**", "server/schemas/**", "server/env.ts", "server/services/plans.ts", "server/http/requested-path.ts"],
    plugins: { local },
    rules: { "local/server-only": "error" },
  },
  {
    // The env module, tests, scripts and e2e may read the environment directly.
    files: ["server/env.ts", "**/*.test.ts", "**/fixtures/**", "scripts/**", "deploy/**", "cli/**", "e2e/**", "bench/**", "db/testing.ts", "instrumentation.ts", "playwright.config.ts", "test/**"],
    rules: { "no-restricted-syntax": "off" },
  },
);
