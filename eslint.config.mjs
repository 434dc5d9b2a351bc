import js from "@eslint/js";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "db/migrations/", "next-env.d.ts", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      // Lint what bites: an update or delete without where rewrites a whole table.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration from server/env.ts" },
      ],
    },
  },
  {
    files: ["scripts/**/*.mjs", "server/**/*.mjs", "deploy/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", AbortController: "readonly", Request: "readonly", Response: "readonly", Headers: "readonly", globalThis: "readonly" } },
  },
  {
    // The env module, tests, scripts and e2e may read the environment directly.
    files: ["server/env.ts", "**/*.test.ts", "**/fixtures/**", "scripts/**", "deploy/**", "cli/**", "e2e/**", "bench/**", "db/testing.ts", "instrumentation.ts", "playwright.config.ts", "test/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server/services/*", "@/db/*", "@/db"], message: "Components talk to the server through tRPC, not services or db." }] },
      ],
    },
  },
);
