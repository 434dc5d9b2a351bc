import { allowErrors, expect, signInViaApi, test } from "../fixtures";

test("a missing or malformed id answers 404 at once with a way back", async ({ page, context }) => {
  await signInViaApi(context, "demo@example.com", "demo-password");
  // The pages answer 404 on purpose; the browser logs each one.
  allowErrors(page, /HTTP 404: GET .*\/(tasks|templates|runs|agents)\//, /status of 404/);
  for (const [path, what, back] of [
    ["/tasks/00000000-0000-4000-8000-000000000000", "Task not found", "Back to tasks"],
    ["/tasks/not-a-uuid", "Task not found", "Back to tasks"],
    ["/templates/00000000-0000-4000-8000-000000000000", "Template not found", "Back to templates"],
    ["/runs/00000000-0000-4000-8000-000000000000", "Run not found", "Back to runs"],
    ["/agents/nope", "Agent not found", "Back to agents"],
  ] as const) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText(what);
    await expect(page.getByRole("link", { name: back })).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to agents" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/tasks/not-a-uuid");
  await page.screenshot({ path: "test-results/not-found-phone.png" });
});
