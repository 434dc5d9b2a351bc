import { expect, signInViaApi, signUpViaUi, test, trpcGet, uniqueEmail } from "../fixtures";

test("create an API key from the Agent preset, use it, revoke it", async ({ page, context }) => {
  await signInViaApi(context, "demo@example.com", "demo-password");
  await page.goto("/settings/api-keys");
  await page.getByTestId("create-key-open").click();
  await page.getByLabel("Name").fill("e2e key");
  // Presets with one-line scope descriptions, the Agent preset chosen by default.
  await expect(page.getByTestId("preset-agent")).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("scope-details").locator("summary").click();
  await expect(page.getByTestId("scope-list")).toContainText("See the credit balance, its history and your earnings as a seller.");
  await expect(page.getByRole("checkbox", { name: "credits:read" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "usage:read" })).toBeChecked();
  await expect(page.getByLabel("MCP tools")).toHaveValue("agent");
  // Another preset, then back: a scope toggled by hand makes it custom.
  await page.getByTestId("preset-full").click();
  await expect(page.getByTestId("scope-details")).toContainText("20 selected");
  await page.getByTestId("preset-agent").click();
  await page.getByRole("checkbox", { name: "tasks:write" }).uncheck();
  await expect(page.getByTestId("scope-details")).toContainText("(custom)");
  await page.getByRole("checkbox", { name: "tasks:write" }).check();
  await expect(page.getByTestId("preset-agent")).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("create-key-submit").click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^cmp_[A-Za-z0-9_-]{32,}$/);
  await page.getByRole("button", { name: "I have copied it" }).click();

  const ok = await trpcGet(page, "orgs.current", secret);
  expect(ok.status()).toBe(200);
  // The default agent key can read its credits (issue 14 item 7).
  expect((await trpcGet(page, "credits.balance", secret)).status()).toBe(200);

  const row = page.getByTestId("key-e2e key");
  await expect(row).toBeVisible();
  await expect(row).not.toContainText(secret);
  await expect(row).toContainText("Agent");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  const refused = await trpcGet(page, "orgs.current", secret);
  expect(refused.status()).toBe(401);
});

test("invite a member who signs up through the link, then a viewer is refused a key", async ({ page, browser }) => {
  await signInViaApi(page.context(), "demo@example.com", "demo-password");
  const memberEmail = uniqueEmail("member");
  const viewerEmail = uniqueEmail("viewer");

  const invite = async (email: string, role: string) => {
    await page.goto("/settings");
    await page.getByTestId("invite-open").click();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption(role);
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    await page.getByRole("button", { name: "Done" }).click();
    return new URL(link).pathname;
  };

  const memberLink = await invite(memberEmail, "member");
  const viewerLink = await invite(viewerEmail, "viewer");
  await expect(page.getByTestId("invitations")).toContainText(memberEmail);

  for (const [email, link] of [
    [memberEmail, memberLink],
    [viewerEmail, viewerLink],
  ] as const) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(link);
    await expect(p.getByRole("heading", { name: "Join Demo" })).toBeVisible();
    await p.getByRole("link", { name: "Create an account to accept" }).click();
    await signUpViaUi(p, { name: email.split("@")[0]!, email, password: "invitee-password", next: link });
    await expect(p).toHaveURL(/\/settings$/);
    await expect(p.getByTestId("org-switcher")).toContainText("Demo");

    if (email === viewerEmail) {
      await p.goto("/settings/api-keys");
      await expect(p.getByTestId("keys-error")).toContainText("does not allow keys:read");
      await p.getByTestId("create-key-open").click();
      // The dialog offers only what a viewer's role may grant.
      await expect(p.getByTestId("preset-agent")).toContainText("beyond your role");
      await p.getByTestId("scope-details").locator("summary").click();
      await expect(p.getByRole("checkbox", { name: "tasks:write" })).toBeDisabled();
      await expect(p.getByRole("checkbox", { name: "credits:read" })).toBeChecked();
      await p.getByLabel("Name").fill("viewer key");
      await p.getByTestId("create-key-submit").click();
      await expect(p.getByTestId("create-key-error")).toContainText("Your role (viewer) does not allow keys:write");
    }
    await ctx.close();
  }

  await page.goto("/settings");
  await expect(page.getByTestId("members")).toContainText(memberEmail);
  await expect(page.getByTestId("members")).toContainText(viewerEmail);
});
