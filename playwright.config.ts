import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
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
  ],
  webServer: {
    // A fresh embedded database each run, seeded with a known API key.
    command: "rm -rf .data/e2e && node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PORT: String(port), HOSTNAME: "127.0.0.1", DATA_DIR: ".data/e2e", SEED_API_KEY: seedApiKey, METRICS_TOKEN: metricsToken, APP_URL: baseURL, LOG_LEVEL: "warn", PLATFORM_OPERATORS: e2eOperatorEmail, PLANS_JSON: JSON.stringify({ tiny: tinyPlan }) },
  },
});
