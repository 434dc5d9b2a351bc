// The benchmark's 200-file template (about 760 KB rendered), in Liquid for the platform and as the
// equivalent Jinja for cookiecutter, shared by the benchmark and the build profile.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export const FILES = 200;
const LINES = 62;
const description = "a generated file of the benchmark, long enough to matter";

export const benchTemplate = {
  variables: { type: "object" as const, properties: { name: { type: "string" as const }, description: { type: "string" as const, default: description } }, required: ["name"] },
  files: Array.from({ length: FILES }, (_, i) => ({
    path: `{{ name }}/src/module-${String(i).padStart(3, "0")}.txt`,
    content: `# module ${i} of {{ name }}\n{% for n in (1..${LINES}) %}line {{ n }} of {{ name }}: {{ description }} ({{ n | times: ${i} }})\n{% endfor %}`,
  })),
};

/** The same files as a cookiecutter template in `dir/template`; returns its path. */
export async function cookiecutterTemplate(dir: string) {
  const root = path.join(dir, "template");
  const pkg = path.join(root, "{{cookiecutter.name}}", "src");
  await mkdir(pkg, { recursive: true });
  await writeFile(path.join(root, "cookiecutter.json"), JSON.stringify({ name: "x", description }));
  for (let i = 0; i < FILES; i++) {
    const body = `# module ${i} of {{ cookiecutter.name }}\n{% for n in range(1, ${LINES + 1}) %}line {{ n }} of {{ cookiecutter.name }}: {{ cookiecutter.description }} ({{ n * ${i} }})\n{% endfor %}`;
    await writeFile(path.join(pkg, `module-${String(i).padStart(3, "0")}.txt`), body);
  }
  return root;
}
