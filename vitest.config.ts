import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // `server-only` throws outside the React server build; tests run server code directly.
      "server-only": path.join(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Blobs and the generated signing secret go to a scratch directory, not the app's data.
    // Webhook receivers in tests listen on 127.0.0.1; the SSRF guard itself is tested directly.
    env: { DATA_DIR: ".data/vitest", WEBHOOK_ALLOW_PRIVATE: "1" },
    // next-auth imports `next/server` without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
