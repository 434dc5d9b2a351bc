import "server-only";
// Seeded template: a Next.js App Router route handler with zod validation and its Vitest test.
import type { CreateTemplateInput } from "@/server/schemas/filegen";

export const routeHandlerTemplate: CreateTemplateInput = {
  name: "Next.js route handler with test",
  description: "An App Router route handler (GET list, POST create) that validates its body with zod and answers JSON errors, with a Vitest test that calls it directly.",
  tags: ["nextjs", "typescript", "api", "vitest"],
  visibility: "public",
  variables: {
    type: "object",
    properties: {
      resource: { type: "string", pattern: "^[a-z][a-z0-9-]*$", description: "URL segment, plural (e.g. projects)" },
      entity: { type: "string", pattern: "^[A-Z][A-Za-z0-9]*$", description: "type name, singular (e.g. Project)" },
      fields: { type: "array", items: { type: "string", pattern: "^[a-z][A-Za-z0-9]*$" }, default: ["name"], description: "string fields of the entity" },
      withPost: { type: "boolean", default: true, description: "also generate POST (create)" },
    },
    required: ["resource", "entity"],
  },
  files: [
    {
      path: "app/api/{{ resource }}/route.ts",
      content: `import { NextResponse } from "next/server";
import { z } from "zod";

export interface {{ entity }} {
  id: string;
{% for f in fields %}  {{ f }}: string;
{% endfor %}}

// Replace with your database: an in-memory list keeps the example self-contained.
export const store: {{ entity }}[] = [];

export async function GET() {
  return NextResponse.json({ items: store });
}
{% if withPost %}
const create{{ entity }} = z.object({
{% for f in fields %}  {{ f }}: z.string().trim().min(1, "is required").max(200),
{% endfor %}});

export async function POST(request: Request) {
  const body = await request.json().catch(() => null);
  const parsed = create{{ entity }}.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return NextResponse.json({ error: "Invalid {{ entity | downcase }}", fields }, { status: 400 });
  }
  const item: {{ entity }} = { id: crypto.randomUUID(), ...parsed.data };
  store.push(item);
  return NextResponse.json(item, { status: 201 });
}
{% endif %}`,
    },
    {
      path: "app/api/{{ resource }}/route.test.ts",
      content: `import { beforeEach, describe, expect, it } from "vitest";
import { GET{% if withPost %}, POST{% endif %}, store } from "./route";

describe("/api/{{ resource }}", () => {
  beforeEach(() => {
    store.length = 0;
  });

  it("lists nothing at first", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [] });
  });
{% if withPost %}
  it("creates a {{ entity | downcase }} and lists it", async () => {
    const input = { {% for f in fields %}{{ f }}: "example {{ f }}"{% unless forloop.last %}, {% endunless %}{% endfor %} };
    const res = await POST(new Request("http://test/api/{{ resource }}", { method: "POST", body: JSON.stringify(input) }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject(input);
    expect((await (await GET()).json()).items).toHaveLength(1);
  });

  it("refuses a bad body naming the field", async () => {
    const res = await POST(new Request("http://test/api/{{ resource }}", { method: "POST", body: "{}" }));
    expect(res.status).toBe(400);
    expect((await res.json()).fields[0].path).toBe("{{ fields | first }}");
  });
{% endif %}});
`,
    },
  ],
  instructions: `Adds \`/api/{{ resource }}\` to a Next.js App Router project.

1. Copy \`app/api/{{ resource }}\` into your project (needs \`zod\` and \`vitest\`: \`npm i zod && npm i -D vitest\`).
2. Run \`npx vitest run app/api/{{ resource }}\`.
3. Replace the in-memory \`store\` with your database.
`,
};
