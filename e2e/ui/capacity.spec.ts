// The capacity marketplace end to end: two organizations made through the UI; B runs tasks on A's
// public priced agent from the Marketplace while an MCP client holding A's key works them. B pays
// the price, A gets price − fee, the platform the fee; a failed run refunds B; an operator moves B
// to a plan of two tasks a day and the third is refused by name on MCP, REST and the dashboard.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser, Page } from "@playwright/test";
import { e2eOperatorEmail } from "../../playwright.config";
import { allowErrors, expect, signInViaApi, signUpViaUi, test, uniqueEmail, watchErrors } from "../fixtures";

const PRICE = 40;
const FEE = Math.floor(PRICE / 10);

/** Each organization's browser, watched like the fixture's own: its errors are checked at the end. */
const watchers: (() => string[])[] = [];

async function newOrg(browser: Browser, base: string, tag: string, email = uniqueEmail(tag)) {
  const context = await browser.newContext();
  watchers.push(watchErrors(context));
  const page = await context.newPage();
  const password = `${tag}-password-1`;
  // The operator's fixed address may exist already (a retried test): then sign in instead.
  if (email === e2eOperatorEmail && (await signInViaApi(context, email, password, base).then(() => true, () => false))) return page;
  await signUpViaUi(page, { name: `${tag} person`, email, password, orgName: `${tag} ${Date.now().toString(36)}` });
  await expect(page).toHaveURL(/\/tasks/);
  return page;
}

async function createKey(page: Page, name: string) {
  await page.goto("/settings/api-keys");
  await page.getByTestId("create-key-open").click();
  await page.getByLabel("Name").fill(name);
  await page.getByTestId("create-key-submit").click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();
  return secret;
}

async function mcp(baseURL: string, key: string) {
  const client = new Client({ name: "e2e-capacity", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseURL}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  const call = async (name: string, args: Record<string, unknown>) => {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError) throw new Error((r.content as { text: string }[])[0]!.text);
    return r.structuredContent as Record<string, unknown>;
  };
  return { client, call };
}

const balanceOn = async (page: Page) => {
  await page.goto("/usage");
  const balance = page.getByTestId("credits-balance");
  await expect(balance).toHaveText(/\d/);
  return Number((await balance.textContent())!.replace(/[^\d-]/g, ""));
};

async function runOnAgent(buyer: Page, agentName: string, title: string) {
  await buyer.goto("/marketplace");
  await buyer.getByRole("tab", { name: "Agents" }).click();
  await buyer.getByRole("link", { name: agentName }).click();
  await buyer.getByTestId("run-on-agent-open").click();
  await buyer.getByLabel("Title").fill(title);
  return buyer.getByTestId("run-on-agent-price");
}

test("B buys a task on A's public agent: B pays the price, A gets it less the fee, a failure refunds, and B's daily quota is named on every surface", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const operator = await newOrg(browser, baseURL!, "operator", e2eOperatorEmail);
  await operator.goto("/settings/platform");
  await expect(operator.getByTestId("platform-fees")).toHaveText(/\d/);
  const feesBefore = Number((await operator.getByTestId("platform-fees").textContent())!.replace(/\D/g, ""));

  // A: an agent offered publicly at 40 credits a task, worked by an MCP client holding A's key.
  const seller = await newOrg(browser, baseURL!, "seller");
  const sellerKey = await createKey(seller, "worker");
  const worker = await mcp(baseURL!, sellerKey);
  const agentName = `Reviewer ${Date.now().toString(36)}`;
  const { agent } = (await worker.call("agents_register", { name: agentName, kind: "mcp", capabilities: ["review"], sharing: "public", priceCredits: PRICE })) as { agent: { id: string } };
  const sellerStart = await balanceOn(seller);

  // B finds it in the Marketplace and sees the price and its balance before anything is held.
  const buyer = await newOrg(browser, baseURL!, "buyer");
  const buyerStart = await balanceOn(buyer);
  const price = await runOnAgent(buyer, agentName, "Review the checkout flow");
  await expect(price).toContainText(`${PRICE} credits`);
  await expect(price).toContainText(String(buyerStart - PRICE));
  await buyer.getByTestId("run-on-agent-submit").click();
  await expect(buyer).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);

  // A's client takes it (the price is held now), reports progress and finishes it.
  const claimed = (await worker.call("tasks_claim", { agentId: agent.id })) as { task: { id: string; title: string } | null };
  expect(claimed.task?.title).toBe("Review the checkout flow");
  await expect(buyer.getByTestId("task-cost")).toContainText(`${PRICE} held for this attempt`);
  await worker.call("tasks_report_progress", { taskId: claimed.task!.id, progress: 50, message: "half way" });
  await worker.call("tasks_complete", { taskId: claimed.task!.id, result: { verdict: "ship it" } });
  await expect(buyer.getByTestId("task-status")).toContainText("succeeded");
  await expect(buyer.getByTestId("task-cost")).toContainText(`${PRICE} credits paid`);
  expect(await balanceOn(buyer)).toBe(buyerStart - PRICE);
  expect(await balanceOn(seller)).toBe(sellerStart + PRICE - FEE);
  await expect(seller.getByTestId("earnings-totals")).toContainText(String(PRICE - FEE));
  await operator.goto("/settings/platform");
  await expect(operator.getByTestId("platform-fees")).toHaveText((feesBefore + FEE).toLocaleString("en"));

  // A failed run refunds B.
  await runOnAgent(buyer, agentName, "Review the payment page");
  await buyer.getByTestId("run-on-agent-submit").click();
  await expect(buyer).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const second = (await worker.call("tasks_claim", { agentId: agent.id })) as { task: { id: string } };
  await expect(buyer.getByTestId("task-cost")).toContainText(`${PRICE} held`);
  await worker.call("tasks_fail", { taskId: second.task.id, error: "The page would not load", retryable: false });
  await expect(buyer.getByTestId("task-status")).toContainText("failed");
  expect(await balanceOn(buyer)).toBe(buyerStart - PRICE);

  // The operator moves B to a plan of two tasks a day; B made two today, so a third is refused by name.
  await buyer.goto("/settings");
  const buyerSlug = (await buyer.locator("code").first().textContent())!.trim();
  await operator.goto("/settings/platform");
  await operator.locator("#plan-org").fill(buyerSlug);
  await operator.locator("#plan-name").selectOption("tiny");
  await operator.getByRole("button", { name: "Set plan" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "tiny plan" })).toBeVisible();

  const buyerKey = await createKey(buyer, "buyer agent");
  const quota = /Quota reached: the tiny plan allows 2 tasks per day/;
  const buyerMcp = await mcp(baseURL!, buyerKey);
  await expect(buyerMcp.call("tasks_create", { title: "Third today", agentId: agent.id })).rejects.toThrow(quota);
  const rest = await buyer.request.post(`${baseURL}/api/v1/tasks`, { headers: { authorization: `Bearer ${buyerKey}` }, data: { title: "Third today" } });
  expect(rest.status()).toBe(403);
  expect(JSON.stringify(await rest.json())).toMatch(quota);
  await runOnAgent(buyer, agentName, "Third today");
  allowErrors(buyer, /403.*tasks\.create/); // the refusal itself: its HTTP status and the browser's console line for it
  await buyer.getByTestId("run-on-agent-submit").click();
  await expect(buyer.getByRole("alert")).toContainText(quota);
  // The buyer's Usage page counts its key's calls (the refused ones too).
  await expect(async () => {
    await buyer.goto("/usage");
    await expect(buyer.getByTestId("usage-keys").getByRole("row", { name: /buyer agent/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  for (const errors of watchers) expect(errors(), "console errors or failed requests").toEqual([]);
  await Promise.all([worker.client.close(), buyerMcp.client.close()]);
});
