// A fingerprint of everything that goes into `next build`, so `npm start` rebuilds only when needed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const roots = ["app", "components", "server", "db", "public", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const skip = new Set(["node_modules", ".next", ".data"]);

function walk(p, out) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!skip.has(name)) walk(path.join(p, name), out);
  } else if (!/\.test\.tsx?$/.test(p)) {
    out.push(p);
  }
}

export function buildStamp(cwd = process.cwd()) {
  const files = [];
  for (const r of roots) walk(path.join(cwd, r), files);
  const h = createHash("sha256");
  for (const f of files) h.update(path.relative(cwd, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}
