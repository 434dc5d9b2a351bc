import { seedApiKey } from "../../playwright.config";
import { expect, signInViaApi, test } from "../fixtures";

const instructions = [
  "## Next steps",
  "",
  "**[1.1.0]** adds a `--fast` flag:",
  "",
  "```sh",
  "npm run build -- --fast",
  "```",
  "",
  '<img src="x" onerror="window.__pwned = 1"> <script>window.__pwned = 2</script>',
  "",
  "[docs](https://example.com/docs) and [bad](javascript:window.__pwned=3)",
].join("\n");

test("instructions render as Markdown, with raw HTML and script links dropped", async ({ page, context, request }) => {
  const created = await request.post("/api/v1/templates", {
    headers: { authorization: `Bearer ${seedApiKey}` },
    data: { name: `Markdown ${Date.now().toString(36)}`, files: [{ path: "a.txt", content: "a" }], instructions },
  });
  expect(created.status()).toBe(200);
  const { id } = (await created.json()) as { id: string };
  await signInViaApi(context, "demo@example.com", "demo-password");
  await page.goto(`/templates/${id}`);
  await page.getByRole("tab", { name: "Instructions" }).click();

  const shown = page.getByTestId("template-instructions");
  await expect(shown.getByRole("heading", { name: "Next steps" })).toBeVisible();
  await expect(shown.locator("strong")).toHaveText("[1.1.0]");
  await expect(shown.locator("pre code")).toHaveText("npm run build -- --fast");
  await expect(shown.getByRole("link", { name: "docs" })).toHaveAttribute("href", "https://example.com/docs");
  await expect(shown.getByRole("link", { name: "bad" })).not.toHaveAttribute("href", /javascript:/);
  await expect(shown.locator("img, script")).toHaveCount(0);
  await expect(shown).not.toContainText("**");

  // The generation result shows them the same way.
  await page.getByTestId("generate-open").click();
  await page.getByText("Files", { exact: true }).click();
  await page.getByTestId("generate-submit").click();
  await expect(page.getByTestId("instructions").locator("strong")).toHaveText("[1.1.0]");
  await expect(page.getByTestId("instructions").locator("img, script")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: "test-results/screens/instructions-1280-light.png" });
});
