import { type BrowserContext, expect, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";

let counter = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++counter}@example.test`;

/** Signs in through the Auth.js API (CSRF token + credentials callback), as a fixture would. */
export async function signInViaApi(context: BrowserContext, email: string, password: string) {
  const csrf = await context.request.get(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await context.request.post(`${baseURL}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, callbackUrl: `${baseURL}/tasks` },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("authjs.session-token"))).toBe(true);
}

export async function signUpViaUi(page: Page, opts: { name: string; email: string; password: string; orgName?: string; next?: string }) {
  await page.goto(opts.next ? `/sign-up?next=${encodeURIComponent(opts.next)}` : "/sign-up");
  await page.getByLabel("Your name").fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password);
  if (opts.orgName) await page.getByLabel("Organization name (optional)").fill(opts.orgName);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Calls a tRPC query over HTTP with a bearer key, as an SDK would. */
export async function trpcGet(page: Page, path: string, key?: string) {
  return page.request.get(`${baseURL}/api/trpc/${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}
