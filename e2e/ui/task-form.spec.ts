import { allowErrors, expect, signInViaApi, test } from "../fixtures";

test("the task form says how capabilities are written, suggests known ones, and names field errors once", async ({ page, context }) => {
  await signInViaApi(context, "demo@example.com", "demo-password");
  // The server refuses the empty title with a 400, on purpose.
  allowErrors(page, /HTTP 400: POST .*tasks\.create/, /status of 400/);
  await page.goto("/tasks");
  await page.getByTestId("create-task-open").first().click();
  const caps = page.getByLabel("Required capabilities");

  // "Code Review" is not silently split in two: it is flagged, and the task is not created.
  await caps.fill("Code Review");
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("“code review” has a space: one capability is one word, such as code:review; separate several with commas");
  await expect(page.getByTestId("create-task-submit")).toBeDisabled();

  // Comma separated, lowercased: what will be sent shows as chips.
  await caps.fill("code:review, Docs");
  await expect(page.getByTestId("task-caps-preview")).toHaveText("code:reviewdocs");
  await expect(page.getByTestId("create-task-submit")).toBeEnabled();

  // The capabilities agents offer are suggested, completing the one being typed.
  await caps.fill("code:review, ");
  await expect(page.locator('#task-caps-known option[value="code:review, filegen"]')).toHaveCount(1);

  // A server-side field error shows at its field; the summary does not repeat it with a path.
  await caps.fill("code:review");
  await page.getByTestId("create-task-submit").click();
  await expect(page.getByTestId("create-task-error")).toHaveText("Check the highlighted fields.");
  await expect(page.getByRole("dialog")).not.toContainText("title:");
});

test("Waits for is a search of open tasks; a queued task nobody can take offers to register an agent for it", async ({ page, context }) => {
  await signInViaApi(context, "demo@example.com", "demo-password");
  const first = `Prepare the release ${Date.now()}`;
  await page.goto("/tasks");
  await page.getByTestId("create-task-open").first().click();
  await page.getByLabel("Title").fill(first);
  await page.getByLabel("Required capabilities").fill("release:prepare");
  await page.getByTestId("create-task-submit").click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const firstUrl = page.url();
  // Nobody offers release:prepare: the task page offers the way forward, pre-filled.
  await page.getByRole("button", { name: "Register an agent for it" }).click();
  await expect(page.getByLabel("Capabilities", { exact: true })).toHaveValue("release:prepare");
  await page.keyboard.press("Escape");

  await page.goto("/tasks");
  await page.getByTestId("create-task-open").first().click();
  await page.getByLabel("Title").fill("Announce the release");
  await page.getByLabel("Waits for").fill(first.slice(0, 20));
  await page.getByTestId("task-picker-results").getByRole("button", { name: new RegExp(first) }).click();
  await expect(page.getByRole("list", { name: "Waits for these tasks" })).toContainText(first);
  await page.getByTestId("create-task-submit").click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  // It waits for the first one, which is not done: blocked, with a link to it.
  await expect(page.getByText(/^Blocked:/)).toBeVisible();
  await expect(page.locator(`a[href="${new URL(firstUrl).pathname}"]`).first()).toBeVisible();
});
