import type { APIRequestContext, Page } from "@playwright/test";
import { seedApiKey } from "../../playwright.config";
import { expect, signUpViaUi, test, uniqueEmail } from "../fixtures";

/** Demo publishes a paid public template through REST; returns its name. */
async function publishPaid(request: APIRequestContext, price: number) {
  const name = `Paid ${price} ${Date.now().toString(36)}`;
  const created = await request.post("/api/v1/templates", {
    headers: { authorization: `Bearer ${seedApiKey}` },
    data: { name, visibility: "public", priceCredits: price, files: [{ path: "NOTES.md", content: "# {{ project }}\n" }], variables: { type: "object", properties: { project: { type: "string", default: "acme" } } } },
  });
  expect(created.status()).toBe(200);
  return name;
}

async function openTemplate(page: Page, name: string) {
  await page.getByRole("link", { name: "Marketplace" }).click();
  await page.getByTestId("templates").getByRole("listitem").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("paid actions show the price and the balance after before charging, and the ledger names each line", async ({ page, request }) => {
  const cheap = await publishPaid(request, 50);
  const dear = await publishPaid(request, 5000);
  await signUpViaUi(page, { name: "Bea Buyer", email: uniqueEmail("buyer"), password: "correct-horse-9", orgName: "Buyers" });
  await page.waitForURL(/\/tasks/);
  // The balance is in the header on every page.
  await expect(page.getByTestId("shell-balance")).toContainText("1,000");

  // Generate: the price and the balance after, before anything is charged.
  await openTemplate(page, cheap);
  await page.getByTestId("generate-open").click();
  await expect(page.getByTestId("price-notice")).toContainText("A new generation costs 50 credits.");
  await expect(page.getByTestId("price-balance")).toHaveText("Your balance: 1,000 → 950 after.");
  await expect(page.getByTestId("shell-balance")).toContainText("1,000");
  await page.screenshot({ path: "test-results/screens/paid-generate-1280-light.png" });
  await page.getByText("Files", { exact: true }).click();
  await expect(page.getByTestId("generate-submit")).toHaveText("Pay 50 credits and generate");
  await page.getByTestId("generate-submit").click();
  await expect(page.getByTestId("generation-charge")).toHaveText("Charged 50 credits.");
  await expect(page.getByTestId("shell-balance")).toContainText("950");
  // The same values again: reused, and it says nothing was charged.
  await page.getByRole("button", { name: "Generate again" }).click();
  await page.getByText("Files", { exact: true }).click();
  await page.getByTestId("generate-submit").click();
  await expect(page.getByTestId("generation-charge")).toHaveText("Reused your earlier result: nothing charged.");
  await page.keyboard.press("Escape");
  // The template's generation count moved without a reload.
  await expect(page.getByText("2 generations")).toBeVisible();

  // Fork asks first, with the price and the balance after.
  await page.getByTestId("fork-template").click();
  await expect(page.getByRole("dialog")).toContainText(`Buy a copy of ${cheap}?`);
  await expect(page.getByTestId("price-balance")).toHaveText("Your balance: 950 → 900 after.");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: "test-results/screens/paid-fork-1280-dark.png" });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("shell-balance")).toContainText("950");
  await page.getByTestId("fork-template").click();
  await page.getByTestId("fork-confirm").click();
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("shell-balance")).toContainText("900");

  // What cannot be afforded says so, says how to get more, and is not offered.
  await openTemplate(page, dear);
  await page.getByTestId("generate-open").click();
  await expect(page.getByTestId("price-balance")).toHaveText("Your balance is 900: 4,100 short. To get more credits, ask an owner or admin of this platform.");
  await expect(page.getByTestId("generate-submit")).toBeDisabled();
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "test-results/screens/paid-short-390-dark.png" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press("Escape");

  // The New task dialog warns about a paid template and refuses one it cannot pay for.
  await page.getByRole("link", { name: "Tasks" }).click();
  await page.getByTestId("create-task-open").first().click();
  await page.getByLabel("Title").fill("Notes for acme");
  await page.getByLabel("Template").selectOption({ label: `${cheap} (v1.0.0) · 50 credits` });
  await expect(page.getByTestId("price-balance")).toHaveText("Your balance: 900 → 850 after.");
  await expect(page.getByTestId("create-task-submit")).toBeEnabled();
  await page.getByLabel("Template").selectOption({ label: `${dear} (v1.0.0) · 5,000 credits` });
  await expect(page.getByTestId("price-notice")).toContainText("4,100 short");
  await expect(page.getByTestId("create-task-submit")).toBeDisabled();
  await page.keyboard.press("Escape");

  // The ledger: a finished purchase reads "paid", not "held", and nothing is held.
  await page.getByTestId("shell-balance").click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(page.getByTestId("credits-balance")).toHaveText("900");
  const lines = page.getByTestId("credit-line");
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toContainText(`paidFork of template ${cheap} v1.0.0paid to the seller`);
  await expect(lines.nth(0)).toContainText("−50");
  await expect(lines.nth(1)).toContainText(`paidTemplate ${cheap} v1.0.0`);
  await expect(lines.nth(2)).toContainText("grantStarting credits");
  await expect(page.getByTestId("credit-history")).not.toContainText("held");
  await page.screenshot({ path: "test-results/screens/buyer-ledger-1280-dark.png", fullPage: true });
});
