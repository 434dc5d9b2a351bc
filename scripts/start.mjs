// `npm start`: build when the sources changed since the last build, then serve on PORT (3000).
// Migrations and the first-start demo seed run inside the server as it starts.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuilt } from "./ensure-build.mjs";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };

try {
  await ensureBuilt();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

// scripts/serve.mjs puts a node:http server in front of Next (client address from the socket).
const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs")], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
