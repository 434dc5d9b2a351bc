// What a stranger does with the SDK: pack it, install the tarball into an empty project, type-check
// the README's example under `strict` and run it (and the package's CLI) against the running app.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { baseURL, seedApiKey } from "../../playwright.config";

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");

/** The first TypeScript example after `from` in a README, as a reader copies it. */
async function example(file: string, from: string): Promise<string> {
  const readme = await readFile(path.join(repo, file), "utf8");
  const block = /```ts\n([\s\S]*?)\n\s*```/.exec(readme.slice(readme.indexOf(from)))?.[1];
  if (!block) throw new Error(`${file} has no \`\`\`ts example after ${from}`);
  return `${block.replace(/^ {2}/gm, "")}\n`;
}

// A wrong call must not compile: the types are the API's, not `any`.
const typeChecks = `import { createClient, describeClientError, type RouterInputs, type RouterOutputs } from "@cloud-mcp/sdk";

const api = createClient({ url: "http://localhost:3000", apiKey: "cmp_example" });
// @ts-expect-error the query is a string
void api.templates.search.query({ query: 42 });
// @ts-expect-error there is no such procedure
void api.tasks.nope;
const status: RouterOutputs["tasks"]["get"]["status"] = "succeeded";
// @ts-expect-error not a task status
const wrong: RouterOutputs["tasks"]["get"]["status"] = "done";
const created: Date = ({} as RouterOutputs["tasks"]["get"]).createdAt;
const input: RouterInputs["tasks"]["create"] = { title: "Review", requiredCapabilities: ["code:review"] };
export const checked = [status, wrong, created, input, describeClientError(new Error("x"))];
`;

test("the packed SDK installs into an empty project, its README example type-checks under strict and runs", async () => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(path.join(tmpdir(), "cmp-sdk-"));
  try {
    // Pack as a maintainer does (prepack builds dist/).
    await run("npm", ["pack", "--pack-destination", dir, "--silent"], { cwd: path.join(repo, "sdk") });
    const tarball = (await readdir(dir)).find((f) => f.endsWith(".tgz"));
    expect(tarball).toMatch(/^cloud-mcp-sdk-.+\.tgz$/);
    const listing = (await run("tar", ["tzf", path.join(dir, tarball!)])).stdout.trim().split("\n").sort();
    expect(listing).toEqual(["package/README.md", "package/dist/cli.js", "package/dist/index.d.ts", "package/dist/index.js", "package/package.json"]);

    // The declarations name only the package's dependencies: nothing of the app's sources.
    await run("tar", ["xzf", path.join(dir, tarball!), "-C", dir]);
    const dts = await readFile(path.join(dir, "package/dist/index.d.ts"), "utf8");
    const specifiers = [...dts.matchAll(/(?:from|import\()\s*["']([^"']+)["']|<reference\s+\w+="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const s of specifiers) expect(s).toMatch(/^(@trpc\/client|@trpc\/server|superjson|eventsource)(\/|$)/);
    expect(dts).not.toMatch(/\b(drizzle|next-auth|server\/|db\/schema)/);

    // An empty project installs the tarball (dependencies from npm's cache when it has them).
    // TypeScript and @types/node at this repository's versions, which npm's cache holds.
    const version = async (name: string) => (JSON.parse(await readFile(path.join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    const tools = [`typescript@${await version("typescript")}`, `@types/node@${await version("@types/node")}`];
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "stranger", private: true, type: "module" }));
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--silent", path.join(dir, tarball!), ...tools], { cwd: dir });
    const compilerOptions = { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", types: ["node"], rootDir: "src", outDir: "out", skipLibCheck: true };
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
    await mkdir(path.join(dir, "src"));
    await writeFile(path.join(dir, "src/example.ts"), await example("README.md", "- **SDK**"));
    await writeFile(path.join(dir, "src/package-readme.ts"), await example("sdk/README.md", "# @cloud-mcp/sdk"));
    await writeFile(path.join(dir, "src/type-checks.ts"), typeChecks);
    const compiled = await run(path.join(dir, "node_modules/.bin/tsc"), ["-p", dir]).catch((e: { stdout: string }) => e);
    expect((compiled as { stdout: string }).stdout).toBe("");

    const env = { ...process.env, CLOUD_MCP_URL: baseURL, CLOUD_MCP_API_KEY: seedApiKey, XDG_CONFIG_HOME: path.join(dir, "config") };
    const { stdout } = await run(process.execPath, [path.join(dir, "out/example.js")], { env, cwd: dir });
    expect(stdout).toContain(`${baseURL}/`); // the ZIP's download URL
    expect(stdout).toContain("ci.yml"); // and the generation's instructions

    // The package's bin is the CLI.
    const whoami = await run(path.join(dir, "node_modules/.bin/cloud-mcp"), ["whoami", "--json"], { env, cwd: dir });
    expect(JSON.parse(whoami.stdout)).toMatchObject({ slug: "demo" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
