import { test as base, type BrowserContext, expect, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";

export { expect };

const allowed = new WeakMap<BrowserContext, RegExp[]>();
/** Console errors or failed requests this test expects (a 404 page, a refused sign-in): matched against the logged line. */
export function allowErrors(page: Page, ...patterns: RegExp[]) {
  allowed.set(page.context(), [...(allowed.get(page.context()) ?? []), ...patterns]);
}

/** Watches every page of a context: a console error, an uncaught exception, a request that failed or answered 4xx/5xx. */
export function watchErrors(context: BrowserContext): () => string[] {
  const seen: string[] = [];
  const watch = (page: Page) => {
    page.on("console", (m) => {
      if (m.type() === "error") seen.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on("pageerror", (e) => seen.push(`exception: ${e.message}`));
    page.on("requestfailed", (r) => {
      // A navigation or prefetch the browser cancelled is not a failure.
      if (r.failure()?.errorText !== "net::ERR_ABORTED") seen.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) seen.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  return () => seen.filter((line) => !(allowed.get(context) ?? []).some((re) => re.test(line)));
}

/**
 * The UI specs' `test`: it fails a test whose pages logged a console error or had a request fail,
 * unless the test said it expects it (allowErrors). Contexts a test opens itself: watchErrors.
 */
export const test = base.extend<{ noPageErrors: void }>({
  noPageErrors: [
    async ({ context }, use) => {
      const errors = watchErrors(context);
      await use();
      expect(errors(), "console errors or failed requests").toEqual([]);
    },
    { auto: true },
  ],
});

let counter = 0;
export const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++counter}@example.test`;

/** Signs in through the Auth.js API (CSRF token + credentials callback), as a fixture would; `base` is the server (the project's). */
export async function signInViaApi(context: BrowserContext, email: string, password: string, base = baseURL) {
  const csrf = await context.request.get(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await context.request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, callbackUrl: `${base}/tasks` },
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
