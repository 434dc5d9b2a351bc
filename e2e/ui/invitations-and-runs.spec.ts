import { seedApiKey } from "../../playwright.config";
import { expect, signInViaApi, signUpViaUi, test, uniqueEmail } from "../fixtures";

test("a pending invitation's link can be copied again: a new one replaces it", async ({ page, browser }) => {
  await signInViaApi(page.context(), "demo@example.com", "demo-password");
  const email = uniqueEmail("again");
  await page.goto("/settings");
  await page.getByTestId("invite-open").click();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const first = (await page.getByTestId("invite-link").textContent())!.trim();
  await page.getByRole("button", { name: "Done" }).click();

  // Later, from the pending row: a new link, and the old one stops working.
  const row = page.getByTestId(`invitation-${email}`);
  await expect(row).toContainText("expires in 7 days");
  await expect(row.getByText("in 7 days")).toHaveAttribute("title", /\d/);
  await row.getByTestId("invitation-renew").click();
  const second = (await row.getByTestId("invitation-link").textContent())!.trim();
  expect(second).not.toBe(first);
  await row.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invitations").getByTestId(`invitation-${email}`)).toHaveCount(1);

  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(new URL(second).pathname);
  await expect(p.getByRole("heading", { name: "Join Demo" })).toBeVisible();
  await p.getByRole("link", { name: "Create an account to accept" }).click();
  // The invited address is already filled in.
  await expect(p.getByLabel("Email")).toHaveValue(email);
  await expect(p.getByText("Then join Demo as member.")).toBeVisible();
  // Creating the account accepts the invitation in the same step: the person lands in Demo.
  await signUpViaUi(p, { name: "Again", email, password: "invitee-password", next: new URL(second).pathname });
  await expect(p).toHaveURL(/\/settings$/);
  await expect(p.getByTestId("org-switcher")).toContainText("Demo");
  await ctx.close();
});

test("a run says what it was for and links to it", async ({ page }) => {
  await signInViaApi(page.context(), "demo@example.com", "demo-password");
  // A task that generates files goes to the built-in agent through a durable dispatch run about it
  // (a task only MCP agents could take is matched as it is queued, with no run).
  const auth = { authorization: `Bearer ${seedApiKey}` };
  const templates = (await (await page.request.get("/api/v1/templates?scope=mine", { headers: auth })).json()) as { items: { id: string }[] };
  const created = await page.request.post("/api/v1/tasks", { headers: auth, data: { title: `Run link ${Date.now()}`, templateId: templates.items[0]!.id } });
  expect(created.status()).toBe(200);
  const taskId = ((await created.json()) as { id: string }).id;
  await page.goto(`/runs?subject=${taskId}`);
  const runs = page.getByTestId("runs");
  await expect(runs).toContainText("Dispatch a task");
  await expect(runs).toContainText("dispatch-task");
  await runs.getByTestId("run-subject").first().click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}$`));
});
