// Builds the app when the sources changed since the last build (the stamp in .next), once at a time:
// `npm start` and the tests that run the built server (test/deploy) share it. A lock directory keeps
// two callers (parallel Vitest files) from running `next build` into the same .next at once.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildStamp } from "./build-stamp.mjs";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const stampFile = path.join(root, ".next", "cmp-build-stamp");
const lockDir = path.join(root, ".data", "build.lock");

const upToDate = (stamp) => existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;

/** Resolves once .next matches the sources; `stdio` is where next build's output goes. */
export async function ensureBuilt({ stdio = "inherit", log = console.log } = {}) {
  const stamp = buildStamp(root);
  if (upToDate(stamp)) return { built: false };
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than 10 minutes is from a build that died.
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > 600_000) rmSync(lockDir, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (upToDate(stamp)) return { built: false }; // another caller built it while we waited
    log("Building the app (first start or sources changed)…");
    const t = Date.now();
    const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
    const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio });
    if (r.status !== 0) throw new Error(`next build failed with exit code ${r.status}`);
    writeFileSync(stampFile, stamp);
    log(`Built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return { built: true };
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
