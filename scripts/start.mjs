// `npm start`: build when the sources changed since the last build, then serve on PORT (3000).
// Migrations and the first-start demo seed run inside the server as it starts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildStamp } from "./build-stamp.mjs";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const stampFile = path.join(root, ".next", "cmp-build-stamp");
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };

const stamp = buildStamp(root);
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  console.log("Building the app (first start or sources changed)…");
  const t = Date.now();
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stampFile, stamp);
  console.log(`Built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// scripts/serve.mjs puts a node:http server in front of Next (client address from the socket).
const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
