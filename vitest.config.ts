import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Files that measure time, race timers and leases, or load the CPU on purpose (render budgets,
// runaway templates, 8 agents claiming at once, the built server, nginx, SIGKILL take-over). They
// run after the others, one at a time, so nothing else competes for the two cores they time.
const exclusive = [
  "server/routers/filegen.test.ts",
  "server/services/filegen/render-pool.test.ts",
  "server/services/tasks/tasks.test.ts",
  "server/services/keys/key-cache.test.ts",
  "server/workflows/runner/*.test.ts",
  "test/deploy/backup.test.ts",
  "test/deploy/gateway.test.ts",
  "test/deploy/standalone.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // `server-only` throws outside the React server build; tests run server code directly.
      "server-only": path.join(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The migrated template databases every test database is copied from (db/testing.ts).
    globalSetup: ["test/global-setup.ts"],
    // Blobs and the generated signing secret go to a scratch directory, not the app's data.
    // Webhook receivers in tests listen on 127.0.0.1; the SSRF guard itself is tested directly.
    env: { DATA_DIR: ".data/vitest", WEBHOOK_ALLOW_PRIVATE: "1" },
    // next-auth imports `next/server` without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    projects: [
      {
        extends: true,
        // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
        // which ran every file one after another. These files mostly wait on PostgreSQL, sockets and
        // timers, so three at once (or one per core on bigger machines) fill the gaps.
        test: { name: "parallel", include: ["**/*.test.ts"], exclude: [...exclusive, "node_modules/**", "e2e/**", ".next/**", ".data/**"], maxWorkers: Math.max(3, availableParallelism()), sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "exclusive", include: exclusive, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
