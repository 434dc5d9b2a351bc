import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { baseURL, seedApiKey } from "../../playwright.config";
import { expect, signInViaApi, test } from "../fixtures";

type Structured = Record<string, unknown> & { task?: { id: string } | null; agent?: { id: string } };

test("a task created in the dashboard is claimed by an MCP agent, and its progress and result show live", async ({ page, context }) => {
  const capability = `e2e:${Date.now().toString(36)}`;
  const agent = new Client({ name: "e2e-worker", version: "1.0.0" });
  await agent.connect(new StreamableHTTPClientTransport(new URL(`${baseURL}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${seedApiKey}` } } }));
  const call = async (name: string, args: Record<string, unknown>) => {
    const res = await agent.callTool({ name, arguments: args });
    expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
    return res.structuredContent as Structured;
  };
  const agentId = (await call("agents_register", { name: "E2E worker", kind: "mcp", capabilities: [capability] })).agent!.id;

  await signInViaApi(context, "demo@example.com", "demo-password");
  await page.goto("/tasks");
  await page.getByTestId("create-task-open").click();
  await page.getByLabel("Title").fill("Summarize the release notes");
  await page.getByLabel("Required capabilities").fill(capability);
  await page.getByLabel("Priority").selectOption("urgent");
  await page.getByTestId("create-task-submit").click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  const taskId = page.url().split("/").pop()!;
  await expect(page.getByTestId("task-status")).toHaveText("queued");
  await expect(page.getByTestId("match-reasons")).toContainText("waiting for a claim");

  // The agent claims it: the page follows without a reload.
  const claimed = await call("tasks_claim", { agentId });
  expect(claimed.task?.id).toBe(taskId);
  await expect(page.getByTestId("task-status")).toHaveText("assigned");

  await call("tasks_report_progress", { taskId, progress: 40, message: "reading the changelog" });
  await expect(page.getByTestId("task-progress")).toHaveText("40%");
  await expect(page.getByTestId("task-message")).toHaveText("reading the changelog");
  await expect(page.getByRole("progressbar", { name: "Task progress" })).toHaveAttribute("aria-valuenow", "40");

  await call("tasks_report_progress", { taskId, progress: 85, message: "writing the summary" });
  await expect(page.getByTestId("task-progress")).toHaveText("85%");

  await call("tasks_complete", { taskId, result: { summary: "Three fixes and one new command." } });
  await expect(page.getByTestId("task-status")).toHaveText("succeeded");
  await expect(page.getByTestId("task-result")).toContainText("Three fixes and one new command.");
  await expect(page.getByTestId("timeline")).toContainText("succeeded");
  await agent.close();
});

test("a task template makes tasks by hand and on a schedule", async ({ page, context }) => {
  await signInViaApi(context, "demo@example.com", "demo-password");
  await page.goto("/automations");
  await page.getByTestId("create-task-template-open").click();
  const name = `Review ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Required capabilities").fill("code:review");
  await page.getByTestId("create-task-template-submit").click();
  const row = page.getByTestId("task-templates").locator("tr", { hasText: name });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "New task" }).click();
  await page.getByLabel("repo *").fill("storefront");
  await page.getByRole("button", { name: "Create task" }).click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Review storefront" })).toBeVisible();

  await page.goto("/automations");
  await page.getByTestId("create-automation-open").click();
  await page.getByLabel("Name").fill(`Weekday ${name}`);
  await page.getByLabel("Task template").selectOption({ label: name });
  await page.getByLabel("Variables (JSON)").fill('{"repo":"nightly"}');
  await page.getByTestId("create-automation-submit").click();
  const auto = page.getByTestId("automations").locator("div", { hasText: `Weekday ${name}` }).first();
  await expect(auto).toContainText("0 9 * * 1-5");
  await expect(auto).toContainText("next");
  await auto.getByRole("button", { name: "Pause" }).click();
  await expect(auto).toContainText("paused");
});
