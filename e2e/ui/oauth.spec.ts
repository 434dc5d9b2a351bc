// An MCP connector signs a person in with OAuth, as chat apps and IDEs do: the official SDK's
// auth() discovers and registers, the person signs up through the ?next= deep link, approves on
// the consent page in Chromium, and the client lists tools with the token; then Settings →
// Connected apps revokes it and the next call is refused. Deny sends access_denied back.
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

  const back = await redirectedBack(page, () => page.getByTestId("consent-approve").click());
  expect(await auth(connector, { serverUrl: mcpUrl, authorizationCode: back.searchParams.get("code")! })).toBe("AUTHORIZED");

  const client = new Client({ name: "e2e-connector", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: connector }));
  const names = (await client.listTools()).tools.map((t) => t.name);
  expect(names).toContain("tasks_list");
  expect(names).not.toContain("tasks_create"); // tasks:write was unticked

  await page.goto("/settings/connected-apps");
  const row = page.getByTestId("connected-app-E2E Connector");
  await expect(row).toContainText("127.0.0.1:8977");
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
