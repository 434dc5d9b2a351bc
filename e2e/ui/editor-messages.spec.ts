import { expect, signUpViaUi, test, uniqueEmail } from "../fixtures";

test("the editor says what is wrong in plain words, where, why it cannot save, and keeps the last good preview", async ({ page }) => {
  await signUpViaUi(page, { name: "Ed Editor", email: uniqueEmail("ed"), password: "correct-horse-9", orgName: "Editors" });
  await page.waitForURL(/\/tasks/);
  await page.goto("/templates/new");
  const editor = page.getByTestId("editor-file content").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("# {{ name | upcase }}\nport {{ port }}\n");
  await expect(page.getByTestId("preview-content")).toContainText("# MY-PROJECT");
  await expect(page.getByTestId("save-blocked")).toHaveCount(0);

  // An unclosed output: plain words with its line and column, not liquid's "expected "|" before filter".
  // (The editor closes brackets as they are typed: Delete removes the closing one it added.)
  await page.keyboard.type("{{ description }");
  await page.keyboard.press("Delete");
  await page.keyboard.type("\nmore");
  const problems = page.getByTestId("problems");
  await expect(problems).toContainText("Line 3, column 1: {{ description } is not closed: end it with }}");
  await expect(problems).not.toContainText('expected "|"');
  // Every problem of the edit is reported, not only the first: an if never closed below it too.
  await page.keyboard.type("\n{% if name %}");
  await expect(problems).toContainText("Line 5, column 1: {% if %} is never closed: add {% endif %} after it");
  await expect(problems).toContainText("Line 3, column 1: {{ description } is not closed: end it with }}");
  await expect(page.getByTestId("save-blocked")).toHaveText("Fix the 2 problems in the preview to save");
  for (const _ of "\n{% if name %}") await page.keyboard.press("Backspace");
  // Why Create is disabled, beside it; the last good render stays in view.
  await expect(page.getByTestId("save-template")).toBeDisabled();
  await expect(page.getByTestId("save-blocked")).toHaveText("Fix the problem in the preview to save");
  await expect(page.getByTestId("last-good")).toBeVisible();
  await expect(page.getByTestId("preview-content")).toContainText("# MY-PROJECT");

  // An if that is never closed says what to add.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("{% if name %}\nhello\n");
  await expect(problems).toContainText("{% if %} is never closed: add {% endif %} after it");
  await page.keyboard.type("{% endif %}\n");
  await expect(problems).toHaveCount(0);
  await expect(page.getByTestId("save-template")).toBeEnabled();
  await page.screenshot({ path: "test-results/screens/editor-1280-light.png", fullPage: true });
});
