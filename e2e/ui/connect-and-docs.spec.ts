import { expect, signInViaApi, test } from "../fixtures";

test("Connect an agent: the MCP URL and snippets, filled with a new key", async ({ page, context }) => {
  await signInViaApi(context, "demo@example.com", "demo-password");
  await page.goto("/settings/connect");
  await expect(page.getByTestId("mcp-url")).toContainText("/api/mcp");
  await expect(page.getByTestId("snippet-claude")).toContainText("claude mcp add --transport http cloud-mcp");
  await page.getByTestId("connect-create-key").click();
  await page.getByTestId("create-key-submit").click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("snippet-json")).toContainText(`Bearer ${secret}`);
});

test("the API reference renders the OpenAPI document", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Cloud MCP Platform API" })).toBeVisible();
  await expect(page.getByTestId("op-orgs_current")).toContainText("/org");
});
