import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { seedApiKey } from "../../playwright.config";
import { expect, signUpViaUi, test, uniqueEmail } from "../fixtures";

const run = promisify(execFile);

test("write a template with a live preview, publish it, download the ZIP and git clone the repository", async ({ page }) => {
  await signUpViaUi(page, { name: "Tess Template", email: uniqueEmail("tpl"), password: "correct-horse-9", orgName: "Template Works" });
  await page.waitForURL(/\/tasks/);
  await page.goto("/templates/new");

  // Type into the code editor: the preview re-renders with the sample values.
  const editor = page.getByTestId("editor-file content").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("# {{ name | upcase }}\nport {{ port }}\n");
  await expect(page.getByTestId("preview-content")).toContainText("# MY-PROJECT");

  // A syntax error shows at its line and column, and saving is held back until it is fixed.
  await page.keyboard.type("{% if %}");
  await expect(page.getByTestId("problems")).toContainText("{{ name }}/README.md:3:");
  await expect(page.getByTestId("save-template")).toBeDisabled();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("# {{ name | upcase }}\nport {{ port }}\n");
  await expect(page.getByTestId("problems")).toHaveCount(0);

  // Add a variable in the schema editor; its field appears in the sample form.
  await page.getByRole("tab", { name: "variables" }).click();
  const schema = page.getByTestId("editor-variables schema").locator(".cm-content");
  await schema.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await schema.fill('{"type":"object","properties":{"name":{"type":"string","default":"my-project"},"port":{"type":"integer","default":8080}},"required":["name"]}');
  await expect(page.getByLabel("port")).toHaveValue("8080");
  await page.getByLabel("name *").fill("shop");
  await page.getByRole("tab", { name: "files" }).click();
  await expect(page.getByTestId("preview-content")).toContainText("# SHOP");
  await expect(page.getByTestId("preview-content")).toContainText("port 8080");

  await page.getByTestId("save-template").click();
  await page.getByLabel("Name", { exact: true }).fill("Shop starter");
  await page.getByLabel("Tags").fill("shop, e2e");
  await page.getByTestId("save-template-submit").click();
  await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Shop starter" })).toBeVisible();

  // Publish it to the marketplace at a price; a negative price does not get past the form.
  await page.getByTestId("template-sharing").click();
  await page.getByLabel("Visibility").selectOption("public");
  await page.getByLabel("Price per generation (credits)").fill("-3");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#tpl-price:invalid")).toHaveCount(1);
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByLabel("Price per generation (credits)").fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByText("30 credits per generation")).toBeVisible();

  // Generate a ZIP and download it.
  await page.getByTestId("generate-open").click();
  await page.getByLabel("name *").fill("storefront");
  await page.getByTestId("generate-submit").click();
  await expect(page.getByTestId("instructions")).toContainText("storefront/README.md");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-zip").click()]);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  expect(await zip.file("storefront/README.md")!.async("string")).toBe("# STOREFRONT\nport 8080\n");

  // Generate the same as Git and clone it with the real git.
  await page.getByRole("button", { name: "Generate again" }).click();
  await page.getByText("a clone URL").click();
  await page.getByTestId("generate-submit").click();
  const command = (await page.getByTestId("clone-command").textContent())!;
  expect(command).toMatch(/^git clone http:\/\/.+\/api\/git\/.+\.git$/);
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-clone-"));
  await run("git", ["clone", "-q", command.replace("git clone ", ""), path.join(dir, "repo")], { env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  expect(await readFile(path.join(dir, "repo/storefront/README.md"), "utf8")).toBe("# STOREFRONT\nport 8080\n");

  // Both appear in the history.
  await page.goto("/generations");
  await expect(page.getByTestId("generations").locator("tbody tr")).toHaveCount(2);
});

test("the marketplace lists what others publish; a paid template is paid for in credits", async ({ page, request }) => {
  // Demo publishes a paid template through REST.
  const name = `Paid changelog ${Date.now().toString(36)}`;
  const created = await request.post("/api/v1/templates", {
    headers: { authorization: `Bearer ${seedApiKey}` },
    data: { name, visibility: "public", priceCredits: 250, files: [{ path: "CHANGELOG.md", content: "# {{ project }}\n" }], variables: { type: "object", properties: { project: { type: "string", default: "acme" } } } },
  });
  expect(created.status()).toBe(200);

  await signUpViaUi(page, { name: "Mark Market", email: uniqueEmail("mkt"), password: "correct-horse-9", orgName: "Market Browsers" });
  await page.waitForURL(/\/tasks/);
  await page.getByRole("link", { name: "Marketplace" }).click();
  const ci = page.getByTestId("templates").getByRole("listitem").filter({ hasText: "GitHub Actions CI for Node.js" });
  await expect(ci).toContainText("by Demo");
  await expect(ci).toContainText("free");
  await page.getByRole("tab", { name: "Agents" }).click();
  await expect(page.getByTestId("agents").getByRole("listitem").filter({ hasText: "Guild accessibility reviewer" })).toContainText("by Agent Guild");
  await page.getByRole("tab", { name: "Templates" }).click();
  const paid = page.getByTestId("templates").getByRole("listitem").filter({ hasText: name });
  await expect(paid).toContainText("250 credits");
  await paid.getByRole("link", { name }).click();
  await expect(page.getByText("250 credits per generation")).toBeVisible();
  await expect(page.getByTestId("fork-template")).toContainText("Fork · 250 credits");
  // Its sources are the product: paths and sizes only, until it is bought.
  await expect(page.getByTestId("sources-locked")).toContainText("source shown to buyers");
  await expect(page.getByText("# {{ project }}")).toHaveCount(0);
  await page.screenshot({ path: "test-results/paid-template-locked.png" });

  await page.getByTestId("generate-open").click();
  await expect(page.getByTestId("price-notice")).toContainText("A new generation costs 250 credits.");
  await page.getByText("Files", { exact: true }).click();
  await page.getByTestId("generate-submit").click();
  await expect(page.getByRole("dialog")).toContainText("CHANGELOG.md");
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByTestId("credits-balance")).toHaveText("750");
  const history = page.getByTestId("credit-history");
  await expect(history.getByRole("row").nth(1)).toContainText(`Template ${name} v1.0.0`);
  await expect(history.getByRole("row").nth(1)).toContainText("−250");
  await expect(history.getByRole("row").nth(2)).toContainText("Starting credits");

  // Sharing one of ours lists it in the marketplace.
  await page.getByRole("link", { name: "Agents" }).click();
  await page.getByRole("link", { name: "File generator (built-in)" }).click();
  await page.getByTestId("agent-sharing").selectOption("public");
  await expect(page.getByTestId("agent-sharing")).toHaveValue("public");
  await page.getByRole("link", { name: "Marketplace" }).click();
  await page.getByRole("tab", { name: "Agents" }).click();
  await expect(page.getByTestId("agents").getByRole("listitem").filter({ hasText: "File generator (built-in)" })).toBeVisible();
});
