// Builds @cloud-mcp/sdk into dist/: index.js (ESM), index.d.ts (one bundled declaration file) and
// cli.js (the `cloud-mcp` command). `npm pack` runs it (prepack).
//
// The router's types are printed from the server's (router-types.mjs) into a staging copy of the
// SDK's sources, which rolldown then bundles, with rolldown-plugin-dts for the declarations:
// rolldown already builds this repository's tests (vitest runs on Vite, which runs on rolldown), it
// reads TypeScript without another compiler, and one tool bundles the code and the declarations.
import console from "node:console";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import process from "node:process";
import { rolldown } from "rolldown";
import { dts } from "rolldown-plugin-dts";
import { routerTypes } from "./router-types.mjs";

const pkgDir = path.resolve(import.meta.dirname, "..");
const repo = path.resolve(pkgDir, "..");
const dist = path.join(pkgDir, "dist");
// Beside the sources, so the staged copy resolves the same packages (ignored by git, the
// repository's type check and lint).
const stage = path.join(pkgDir, ".build");
const bare = (id) => !id.startsWith(".") && !path.isAbsolute(id);

async function build() {
  const started = Date.now();
  await rm(stage, { recursive: true, force: true });
  await rm(dist, { recursive: true, force: true });
  await mkdir(stage, { recursive: true });
  await copyFile(path.join(pkgDir, "index.ts"), path.join(stage, "index.ts"));
  await writeFile(path.join(stage, "router.ts"), routerTypes({ tsconfig: path.join(repo, "tsconfig.json"), entry: path.join(pkgDir, "router.ts") }));

  const lib = await rolldown({
    input: path.join(stage, "index.ts"),
    platform: "node",
    external: bare,
    checks: { pluginTimings: false },
    plugins: [
      dts({
        tsconfig: false,
        compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: ["node"], strict: true, skipLibCheck: true },
      }),
    ],
  });
  await lib.write({ dir: dist, format: "esm", entryFileNames: "[name].js" });
  await lib.close();

  const cli = await rolldown({ input: { cli: path.join(repo, "cli", "main.ts") }, platform: "node", external: bare });
  await cli.write({ dir: dist, format: "esm", entryFileNames: "[name].js", banner: "#!/usr/bin/env node" });
  await cli.close();

  // The declarations may name the package's dependencies, nothing else.
  const deps = Object.keys(JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8")).dependencies);
  const declarations = await readFile(path.join(dist, "index.d.ts"), "utf8");
  const named = [...declarations.matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
  const leaks = named.filter((s) => !deps.some((d) => s === d || s.startsWith(`${d}/`)));
  if (leaks.length) throw new Error(`dist/index.d.ts imports ${[...new Set(leaks)].join(", ")}: only the package's dependencies may be named`);
  console.log(`@cloud-mcp/sdk built into ${path.relative(repo, dist)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) await build();
