import { expect, signInViaApi, test } from "../fixtures";

test("Connect an agent: one snippet per client, each with a copy button, filled with a new agent key", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInViaApi(context, "demo@example.com", "demo-password");
  await page.goto("/settings/connect");
  await expect(page.getByTestId("mcp-url")).toContainText("/api/mcp");
  await expect(page.getByTestId("snippet-claude-code")).toContainText("claude mcp add --transport http cloud-mcp");
  await expect(page.getByTestId("snippet-cli")).toContainText("npx -y -p @cloud-mcp/sdk cloud-mcp whoami");
  await page.getByTestId("connect-create-key").click();
  await expect(page.getByLabel("MCP tools")).toHaveValue("agent");
  await page.getByTestId("create-key-submit").click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("connect-key")).toContainText("MCP tools: Agent");
  await expect(page.getByTestId("snippet-claude-code")).toContainText(`Bearer ${secret}`);
  await expect(page.getByTestId("snippet-cli")).toContainText(`CLOUD_MCP_API_KEY='${secret}'`);

  // VS Code's file uses `servers` with type http; Cursor's `mcpServers` carries the key.
  await page.getByRole("tab", { name: "VS Code" }).click();
  const vscode = JSON.parse((await page.getByTestId("snippet-vscode").textContent())!);
  expect(vscode.servers["cloud-mcp"]).toMatchObject({ type: "http", url: expect.stringContaining("/api/mcp") });
  await page.getByRole("tab", { name: "Cursor" }).click();
  await page.getByTestId("snippet-cursor-copy").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied).mcpServers["cloud-mcp"].headers.Authorization).toBe(`Bearer ${secret}`);
  for (const tab of ["Claude Desktop", "Any MCP client"]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByRole("tabpanel").getByRole("button", { name: /^Copy/ })).toBeVisible();
  }
  await expect(page.getByTestId("snippet-cli-copy")).toBeVisible();
});

test("the API reference renders the OpenAPI document", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Cloud MCP Platform API" })).toBeVisible();
  await expect(page.getByTestId("op-orgs_current")).toContainText("/org");
});
