import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signUpViaUi, uniqueEmail } from "../fixtures";

// A new organization's key makes 3 MCP calls and 2 REST calls; the Usage page shows them per
// surface and per key, the plan's limits beside them, and exports them as CSV.
test("the Usage page shows the calls a key made, the plan's limits, and a CSV of them", async ({ page, baseURL }) => {
  await signUpViaUi(page, { name: "Meter Example", email: uniqueEmail("meter"), password: "meter-password", orgName: "Metered Robotics" });
  await expect(page).toHaveURL(/\/tasks$/);
  await page.goto("/settings/api-keys");
  await page.getByTestId("create-key-open").click();
  await page.getByLabel("Name").fill("usage probe");
  await page.getByTestId("create-key-submit").click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();

  const auth = { authorization: `Bearer ${secret}` };
  for (let i = 0; i < 3; i++) {
    const res = await page.request.post(`${baseURL}/api/mcp`, {
      headers: { ...auth, "content-type": "application/json", accept: "application/json, text/event-stream" },
      data: { jsonrpc: "2.0", id: i + 1, method: "tools/call", params: { name: "orgs_current", arguments: {} } },
    });
    expect(res.status()).toBe(200);
  }
  for (let i = 0; i < 2; i++) expect((await page.request.get(`${baseURL}/api/v1/org`, { headers: auth })).status()).toBe(200);

  // Calls are written about once a second: reload until they show.
  const row = page.getByTestId("usage-keys").getByRole("row", { name: /usage probe/ });
  await expect(async () => {
    await page.goto("/usage");
    await expect(row).toContainText("5", { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect(row.getByRole("cell")).toHaveText(["usage probe", "5", "3", "2", "0", "0"]);
  await expect(page.getByTestId("chart-calls")).toBeVisible();
  await expect(page.getByTestId("plan-limits")).toContainText("free");
  await expect(page.getByTestId("quota-tasks-today")).toContainText("0 / 1,000");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^usage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^date,calls,mcp_calls,rest_calls,trpc_calls/);
  expect(csv).toMatch(/,usage probe,5,3,2,0,0\r\n/);
});
