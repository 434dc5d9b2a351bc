import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
/** The same app on PostgreSQL, beside the embedded one: the specs that must hold on both run on both. */
const pgPort = port + 1;
const pgBaseURL = `http://127.0.0.1:${pgPort}`;
const pgDatabaseUrl = `postgres://postgres@127.0.0.1:5432/cmp_e2e_${pgPort}`;
export const seedApiKey = "cmp_e2e_seed_key_0123456789abcdefghijklmnopqrstuv";
export const metricsToken = "e2e-metrics-token-0123456789";
/** Signs up in the capacity test and acts as the platform's operator (PLATFORM_OPERATORS). */
export const e2eOperatorEmail = "operator@e2e.example.test";
/** A plan small enough for a test to pass its daily task allowance. */
const tinyPlan = { tasksPerDay: 2, generationsPerDay: 5, apiCallsPerMinutePerKey: 600, apiCallsPerMinutePerOrg: 1200, members: 5, monthlyCreditGrant: 0 };

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
};

// The suite signs in from one address far more often than a person would.
const serverEnv = { SIGNIN_ATTEMPTS_PER_IP: "1000", HOSTNAME: "127.0.0.1", METRICS_TOKEN: metricsToken, LOG_LEVEL: "warn", PLATFORM_OPERATORS: e2eOperatorEmail, PLANS_JSON: JSON.stringify({ tiny: tinyPlan }) };

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions: chromium },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/, use: { viewport: { width: 1280, height: 800 } } },
    { name: "ui-postgres", testMatch: /ui\/(capacity|usage)\.spec\.ts/, use: { baseURL: pgBaseURL, viewport: { width: 1280, height: 800 } } },
  ],
  webServer: [
    {
      // A fresh embedded database each run, seeded with a known API key.
      command: "rm -rf .data/e2e && node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { ...serverEnv, PORT: String(port), DATA_DIR: ".data/e2e", SEED_API_KEY: seedApiKey, APP_URL: baseURL },
    },
    {
      // The same on a fresh PostgreSQL database (the specs of ui-postgres).
      command: `rm -rf .data/e2e-pg && node scripts/e2e-postgres-db.mjs ${pgDatabaseUrl} && node scripts/start.mjs`,
      url: `${pgBaseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { ...serverEnv, PORT: String(pgPort), DATA_DIR: ".data/e2e-pg", DATABASE_URL: pgDatabaseUrl, APP_URL: pgBaseURL },
    },
  ],

});
