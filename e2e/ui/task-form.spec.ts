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
