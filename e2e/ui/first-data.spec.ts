// Pages arrive with their data (issue 15 item 4): the HTML the server sends for each dashboard list
// and detail page already holds its first rows — a link to a known task, agent, template, run or
// generation — so nothing waits for a client-side fetch after navigation. Time to first data per
// page is printed (a measurement for the note, not a timed assertion).
import { seedApiKey } from "../../playwright.config";
import { expect, signInViaApi, test } from "../fixtures";

const auth = { authorization: `Bearer ${seedApiKey}` };
/** Text as React writes it into HTML. */
const escaped = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");

test("every dashboard list and detail page has its first data in the server's HTML", async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const get = async <T>(path: string) => {
    const res = await request.get(`/api/v1${path}`, { headers: auth });
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  };
  type Page<T> = { items: T[] };
  const template = (await get<Page<{ id: string; name: string }>>("/templates?scope=mine")).items[0]!;
  const templateId = template.id;
  const made = await request.post("/api/v1/generations", { headers: auth, data: { templateId, format: "zip" } });
  expect(made.status()).toBe(200);
  const task = (await get<Page<{ id: string; title: string }>>("/tasks?limit=1")).items[0]!;
  const agent = (await get<Page<{ id: string; name: string }> | { id: string; name: string }[]>("/agents?limit=1").then((r) => ("items" in r ? r.items : r)))[0]!;
  const publicTemplate = (await get<Page<{ id: string }>>("/templates?scope=public")).items[0]!;
  const run = (await get<Page<{ id: string }>>("/runs?limit=1")).items[0]!;
  expect([task, agent, publicTemplate, run].every(Boolean)).toBe(true);

  await signInViaApi(context, "demo@example.com", "demo-password");
  const pages: [string, string][] = [
    ["/tasks", `/tasks/${task.id}`],
    ["/agents", `/agents/${agent.id}`],
    ["/templates", `/templates/${templateId}`],
    ["/marketplace", `/templates/${publicTemplate.id}`],
    ["/generations", `/templates/${templateId}`],
    ["/runs", `/runs/${run.id}`],
    [`/tasks/${task.id}`, task.title],
    [`/agents/${agent.id}`, agent.name],
    [`/templates/${templateId}`, template.name],
    [`/runs/${run.id}`, `run ${run.id}`],
  ];
  const timings: Record<string, number> = {};
  for (const [path, expected] of pages) {
    // The document itself, as the browser receives it before any script runs.
    const html = await (await context.request.get(path)).text();
    expect(html, `${path} arrives holding ${expected}`).toContain(expected.startsWith("/") ? `href="${expected}"` : escaped(expected));
    const started = Date.now();
    await page.goto(path, { waitUntil: "commit" });
    const first = expected.startsWith("/") ? page.locator(`a[href="${expected}"]`).first() : page.getByText(expected).first();
    await expect(first).toBeVisible();
    timings[path.replace(/[0-9a-f-]{36}/, "[id]")] = Date.now() - started;
  }
  console.log(`time to first data (navigation → first row visible, ms): ${JSON.stringify(timings)}`);
});
