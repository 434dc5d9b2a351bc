// Screenshots of the pages this work changed, at desktop and phone width, light and dark, for a
// person to look at (test-results/screens/); and the phone layout keeps each row's action on screen.
import type { Page } from "@playwright/test";
import { seedApiKey } from "../../playwright.config";
import { expect, signInViaApi, test } from "../fixtures";

const widths = [1280, 390] as const;
const schemes = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  // Switching the scheme starts the page's colour transitions: without this a shot catches them half way.
  await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; animation: none !important; }" });
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), colorScheme === "dark");
    await page.screenshot({ path: `test-results/screens/${name}-${page.viewportSize()!.width}-${colorScheme}.png`, fullPage: true });
  }
}

test("screenshots of the changed pages, and phone rows keep their actions on screen", async ({ page, context, request }) => {
  test.setTimeout(180_000);
  // Something in the generations list and the ledger.
  const templates = await request.get("/api/v1/templates?scope=mine", { headers: { authorization: `Bearer ${seedApiKey}` } });
  const templateId = ((await templates.json()) as { items: { id: string }[] }).items[0]!.id;
  const made = await request.post("/api/v1/generations", { headers: { authorization: `Bearer ${seedApiKey}` }, data: { templateId, format: "zip" } });
  expect(made.status()).toBe(200);
  const firstId = async (path: string) => ((await (await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${seedApiKey}` } })).json()) as { items: { id: string }[] }).items[0]!.id;
  const [taskId, runId] = [await firstId("/tasks?limit=1"), await firstId("/runs?limit=1")];

  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await context.clearCookies();
    await page.goto("/");
    await shoot(page, "landing");
    await page.goto("/sign-in");
    await shoot(page, "sign-in");
    await signInViaApi(context, "demo@example.com", "demo-password");
    for (const [name, path, ready] of [
      ["tasks", "/tasks", "Tasks"],
      ["usage", "/usage", "Usage and credits"],
      ["generations", "/generations", "Generations"],
      ["runs", "/runs", "Runs"],
      ["settings", "/settings", "Settings"],
      ["api-keys", "/settings/api-keys", "Settings"],
      ["template", `/templates/${templateId}`, null],
      ["agents", "/agents", "Agents"],
      ["marketplace", "/marketplace", "Marketplace"],
      ["task", `/tasks/${taskId}`, null],
      ["run", `/runs/${runId}`, null],
    ] as const) {
      await page.goto(path);
      if (ready) await expect(page.getByRole("heading", { name: ready, exact: true })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await shoot(page, name);
      if (name === "generations" && width === 390) {
        const open = page.getByTestId("generations").getByRole("button", { name: "Open" }).first();
        const box = (await open.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      if (name === "api-keys" && width === 390) {
        // The key's other columns fold under its name, so Revoke stays on screen.
        const revoke = page.getByTestId("api-keys").getByRole("button", { name: "Revoke" }).first();
        const box = (await revoke.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    }
    await page.goto(`/templates/${templateId}`);
    await page.getByTestId("generate-open").click();
    await shoot(page, "generate-dialog");
    await page.keyboard.press("Escape");
    await page.goto("/tasks");
    await page.getByTestId("create-task-open").first().click();
    await shoot(page, "new-task-dialog");
  }
});
