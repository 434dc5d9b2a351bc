import { expect, signUpViaUi, test, uniqueEmail } from "../fixtures";

test("Try the demo signs straight into the demo organization", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByTestId("org-switcher")).toContainText("Demo");
  // The sign-in page offers it too, and keeps where the person was going.
  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await page.goto("/sign-in?next=%2Fusage");
  await page.getByRole("button", { name: "Use the demo account" }).click();
  await expect(page).toHaveURL(/\/usage$/);
});

test("a new organization's checklist ticks off what it has done and stays dismissed", async ({ page }) => {
  await signUpViaUi(page, { name: "Nia New", email: uniqueEmail("new"), password: "correct-horse-9", orgName: "First Steps" });
  await expect(page).toHaveURL(/\/tasks$/);
  const checklist = page.getByRole("region", { name: "Getting started" });
  await expect(checklist).toContainText("0 of 4 done");
  for (const step of ["createdKey", "connectedAgent", "ranTask", "generated"]) await expect(page.getByTestId(`first-run-${step}`)).toHaveAttribute("data-done", "false");

  // 1. A key, from the checklist's own link.
  await checklist.getByRole("link", { name: "Create a key" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await page.getByTestId("create-key-open").click();
  await page.getByLabel("Name").fill("first agent");
  await page.getByTestId("create-key-submit").click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  await page.getByRole("button", { name: "I have copied it" }).click();

  // 2. An agent registers itself with that key (as an MCP client or the SDK would, over REST here).
  const registered = await page.request.post("/api/v1/agents", {
    headers: { authorization: `Bearer ${secret}` },
    data: { name: "First agent", kind: "mcp", capabilities: ["notes:write"] },
  });
  expect(registered.status()).toBe(200);

  // 3. A first task, from the Tasks page.
  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(checklist).toContainText("2 of 4 done");
  await expect(page.getByTestId("first-run-createdKey")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("first-run-connectedAgent")).toHaveAttribute("data-done", "true");
  await page.getByTestId("create-task-open").first().click();
  await page.getByLabel("Title").fill("Write the first notes");
  await page.getByLabel("Required capabilities").fill("notes:write");
  await page.getByTestId("create-task-submit").click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(checklist).toContainText("3 of 4 done");
  await expect(checklist.getByRole("link", { name: "Browse templates" })).toBeVisible();

  // Dismissed, it stays gone.
  await page.getByTestId("first-run-dismiss").click();
  await expect(checklist).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Tasks", exact: true })).toBeVisible();
  await expect(checklist).toHaveCount(0);
});
