// An MCP connector signs a person in with OAuth, as chat apps and IDEs do: the official SDK's
// auth() discovers and registers, the person signs up through the ?next= deep link, approves on
// the consent page in Chromium (picking the MCP tools it lists), and the client lists tools with
// the token; then Settings → Connected apps shows and revokes it and the next call is refused.
// Deny sends access_denied back. Screenshots of both pages at phone width, light and dark, go to
// test-results/screens/ for a person to look at.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { auth, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { expect, type Page, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { signUpViaUi, uniqueEmail } from "../fixtures";

const REDIRECT = "http://127.0.0.1:8977/callback";
const mcpUrl = `${baseURL}/api/mcp`;

class Connector implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = "";
  authorizationUrl?: URL;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return { client_name: "E2E Connector", redirect_uris: [REDIRECT], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation = () => this.info;
  saveClientInformation = (i: OAuthClientInformationMixed) => void (this.info = i);
  tokens = () => this.saved;
  saveTokens = (t: OAuthTokens) => void (this.saved = t);
  redirectToAuthorization = (url: URL) => void (this.authorizationUrl = url);
  saveCodeVerifier = (v: string) => void (this.verifier = v);
  codeVerifier = () => this.verifier;
}

async function shoot(page: Page, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), colorScheme === "dark");
    // Buttons ease their colours (transition-colors): a shot taken at once catches them halfway.
    await page.waitForTimeout(400);
    await page.screenshot({ path: `test-results/screens/${name}-${page.viewportSize()!.width}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

/** Waits for the browser to be sent back to the connector's redirect URI; returns that URL. */
async function redirectedBack(page: Page, act: () => Promise<void>): Promise<URL> {
  let back: URL | undefined;
  await page.route(`${REDIRECT}**`, (route) => {
    back = new URL(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/plain", body: "You can close this window." });
  });
  await act();
  await expect.poll(() => back?.href ?? "").toContain(REDIRECT);
  await page.unroute(`${REDIRECT}**`);
  return back!;
}

test("an MCP client connects through the consent page, lists tools, and is revoked from Connected apps", async ({ page }) => {
  const connector = new Connector();
  const unauth = await fetch(mcpUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(unauth.status).toBe(401);
  expect(unauth.headers.get("www-authenticate")).toContain(`resource_metadata="${baseURL}/.well-known/oauth-protected-resource/api/mcp"`);
  expect(await auth(connector, { serverUrl: mcpUrl })).toBe("REDIRECT");

  // Signed out: the consent page sends the person to sign up (or in) and back.
  await page.goto(connector.authorizationUrl!.href);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Foauth%2Fconsent%2F/);
  const next = decodeURIComponent(new URL(page.url()).searchParams.get("next")!);
  await signUpViaUi(page, { name: "Olive Auth", email: uniqueEmail("olive"), password: "olive-password", orgName: "Olive Labs", next });
  await expect(page.getByRole("heading", { name: "Connect E2E Connector" })).toBeVisible();
  await expect(page.getByText("It will return you to 127.0.0.1:8977")).toBeVisible();
  await expect(page.getByTestId("consent-org")).toContainText("Olive Labs");
  await page.getByTestId("consent-scope-tasks:write").uncheck();
  // A client that suggests no tool profile is offered the agent's; the person picks Operator.
  await expect(page.getByTestId("consent-profile")).toHaveValue("agent");
  await page.getByTestId("consent-profile").selectOption("operator");
  await expect(page.getByText("Runs the work: creates and tracks tasks")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "oauth-consent");
  await page.setViewportSize({ width: 1280, height: 800 });

  const back = await redirectedBack(page, () => page.getByTestId("consent-approve").click());
  expect(await auth(connector, { serverUrl: mcpUrl, authorizationCode: back.searchParams.get("code")! })).toBe("AUTHORIZED");

  const client = new Client({ name: "e2e-connector", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: connector }));
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  expect(names).toContain("tasks_list");
  expect(names).toContain("agents_list");
  expect(names).not.toContain("tasks_create"); // tasks:write was unticked
  expect(names).not.toContain("templates_search"); // templates:read was kept, but the operator's tools leave it out
  // Its icons are the app's own URLs, answered with an SVG.
  const icon = await fetch(tools[0]!.icons![0]!.src);
  expect(icon.status).toBe(200);
  expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  expect(await icon.text()).toContain("<svg");

  await page.goto("/settings/connected-apps");
  const row = page.getByTestId("connected-app-E2E Connector");
  await expect(row).toContainText("127.0.0.1:8977");
  await expect(row.getByTestId("connected-app-profile")).toHaveText("Operator");
  for (const width of [390, 1280]) {
    // Loaded at this width, as a phone would (the settings tabs bring the current one into view).
    await page.setViewportSize({ width, height: 844 });
    await page.reload();
    await expect(row).toBeVisible();
    await page.waitForLoadState("networkidle");
    await shoot(page, "connected-apps");
  }
  // On a phone the row's details fold under its name and Revoke stays on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const revoke = (await page.getByTestId("revoke-E2E Connector").boundingBox())!;
  expect(revoke.x + revoke.width).toBeLessThanOrEqual(390);
  await expect(row).toContainText("Operator tools");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId("revoke-E2E Connector").click();
  await expect(row).toHaveCount(0);
  await expect(client.listTools()).rejects.toThrow();
  await client.close().catch(() => {});
});

test("denying on the consent page sends access_denied back to the client", async ({ page }) => {
  await signUpViaUi(page, { name: "Dan Deny", email: uniqueEmail("dan"), password: "dan-password-1" });
  await expect(page).toHaveURL(/\/tasks$/);
  const connector = new Connector();
  expect(await auth(connector, { serverUrl: mcpUrl })).toBe("REDIRECT");
  await page.goto(connector.authorizationUrl!.href);
  const back = await redirectedBack(page, () => page.getByTestId("consent-deny").click());
  expect(back.searchParams.get("error")).toBe("access_denied");
});
