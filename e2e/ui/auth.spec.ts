import { expect, signUpViaUi, test, uniqueEmail } from "../fixtures";

test("sign up, sign out and sign in again", async ({ page }) => {
  const email = uniqueEmail("alice");
  await signUpViaUi(page, { name: "Alice Example", email, password: "alice-password", orgName: "Alice Robotics" });
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { name: "Tasks", exact: true })).toBeVisible();
  await expect(page.getByTestId("org-switcher")).toContainText("Alice Robotics");
  for (const label of ["Tasks", "Agents", "Templates", "Generations", "Marketplace", "Usage", "Settings"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label })).toBeVisible();
  }

  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Invalid email or password.");

  await page.getByLabel("Password").fill("alice-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
});

test("sign-up refuses a duplicate email and a short password, naming the field", async ({ page }) => {
  await signUpViaUi(page, { name: "Dup", email: "demo@example.com", password: "long-enough" });
  await expect(page.getByText("already registered")).toBeVisible();
  await signUpViaUi(page, { name: "Short", email: uniqueEmail("short"), password: "short" });
  await expect(page.getByText("must be at least 8 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("the dashboard needs a session, and signing in returns to the page asked for", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  await page.goto("/runs?status=failed");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fruns%3Fstatus%3Dfailed$/);
  await page.getByLabel("Email").fill("demo@example.com");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/runs\?status=failed$/);
  await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();
});

test("a foreign next after sign-in lands on our own page", async ({ page }) => {
  await page.goto("/sign-in?next=/%5Cevil.example/x");
  const github = page.getByRole("link", { name: "Continue with GitHub" });
  if (await github.count()) await expect(github).toHaveAttribute("href", /callbackUrl=%2Ftasks$/);
  await page.getByLabel("Email").fill("demo@example.com");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/tasks$/);
});
