// `npm test`: typecheck, lint, unit + integration (PGlite and PostgreSQL), then e2e in Chromium.
// Ends with one line "tests: N passed, N failed" counting Vitest and Playwright tests.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".data", "test-reports");
mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2); // e.g. `npm test -- unit`
const want = (step) => only.length === 0 || only.includes(step);

function run(label, cmd, args, env = {}) {
  const t = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`${r.status === 0 ? "✔" : "✘"} ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return r.status === 0;
}

function reachable(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
    s.setTimeout(2000, () => (s.destroy(), resolve(false)));
  });
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (want("e2e") && !existsSync(chromium)) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    run("install Debian chromium for the browser tests", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"]);
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium is needed for the e2e tests: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}
// The gateway test (test/deploy) runs the real nginx with a certificate made by openssl.
const hasNginx = () => ["/usr/sbin/nginx", "/usr/bin/nginx"].some((p) => existsSync(p));
if (want("unit") && (!hasNginx() || !existsSync("/usr/bin/openssl"))) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    run("install Debian nginx and openssl for the gateway test", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx openssl >/dev/null"]);
  }
  if (!hasNginx()) console.warn("nginx is not installed: test/deploy/gateway.test.ts will be skipped (apt-get install nginx openssl).");
}
for (const [name, port] of [["PostgreSQL", 5432], ["Redis", 6379]]) {
  if (want("unit") && !(await reachable(port))) {
    console.error(`${name} is not reachable on 127.0.0.1:${port}; the integration tests run against it.`);
    process.exit(1);
  }
}

// The built server serves the deployment tests (Vitest's exclusive group) and every e2e spec. Build
// it while typecheck, lint and the parallel test files run, instead of in the middle of them:
// ensure-build's lock makes whoever needs it next wait for this one (or skip it when up to date).
let building = null;
if (want("unit") || want("e2e")) {
  const t = Date.now();
  const child = spawn(process.execPath, ["-e", 'import("./scripts/ensure-build.mjs").then((m) => m.ensureBuilt({ stdio: "ignore", log: () => {} }))'], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  building = new Promise((resolve) => child.once("exit", (code) => resolve({ code, seconds: (Date.now() - t) / 1000 })));
  building.then(({ code, seconds }) => console.log(`\n${code === 0 ? "✔" : "✘"} the app built in the background (${seconds.toFixed(1)} s)${code === 0 ? "" : " — the steps that need it will build it again and show why it failed"}`));
}

const results = [];
if (want("typecheck")) results.push(run("typecheck", bin("tsc"), ["--noEmit"]));
if (want("lint")) results.push(run("lint", bin("eslint"), ["--max-warnings=0", "."]));
let passed = 0;
let failed = 0;
if (want("unit")) {
  const file = path.join(out, "vitest.json");
  results.push(run("unit and integration tests (Vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]));
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
}
if (want("e2e")) {
  await building;
  const file = path.join(out, "playwright.json");
  results.push(run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file }));
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, "utf8")).stats;
    passed += s.expected + (s.flaky ?? 0);
    failed += s.unexpected;
  }
}
const ok = results.every(Boolean);
if (!ok && failed === 0) failed = results.filter((r) => !r).length; // a failed typecheck or lint counts
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
