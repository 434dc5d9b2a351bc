"use server";
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { rateLimiter } from "@/server/adapters/ratelimit";
import { signIn, signOut } from "@/server/auth";
import { signInThrottled } from "@/server/auth/sign-in";
import { invitationTokenOf, safeNextPath } from "@/server/auth/next-path";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { clientIp } from "@/server/http/client-ip";
import { signUpInput } from "@/server/schemas/orgs";
import { acceptInvitation } from "@/server/services/orgs/invitations";
import { ORG_COOKIE } from "@/server/trpc/constants";
import { demoLogin } from "@/server/services/seed";
import { signUp } from "@/server/services/users/accounts";
import { demoAvailable } from "@/server/services/users/demo";

export interface FormState {
  error?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}


async function credentialsSignIn(email: string, password: string, redirectTo: string): Promise<FormState | undefined> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      if (code === "rate_limited") return { error: "Too many sign-in attempts. Wait a few minutes and try again." };
      return { error: "Invalid email or password." };
    }
    throw err; // Next.js redirect on success
  }
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", values: { email } };
  const failed = await credentialsSignIn(email, password, safeNextPath(form.get("next")));
  // React resets the form after an action: hand the email back so only the password is retyped.
  return failed ? { ...failed, values: { email } } : {};
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = Object.fromEntries(["name", "email", "password", "orgName"].map((k) => [k, String(form.get(k) ?? "")]));
  const values = { name: raw.name ?? "", email: raw.email ?? "", orgName: raw.orgName ?? "" };
  const parsed = signUpInput.safeParse({ ...raw, orgName: raw.orgName || undefined });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[String(i.path[0])] ??= i.message;
    return { error: "Check the highlighted fields.", fields, values };
  }
  const ip = clientIp(await headers());
  const throttle = await signInThrottled(rateLimiter(), ip, env.SIGNIN_ATTEMPTS_PER_IP);
  if (throttle.throttled) {
    const minutes = Math.max(1, Math.ceil(throttle.retryAfterMs / 60_000));
    return { error: `Too many sign-in attempts from this address. Nothing was created; try again in ${minutes} min.`, values };
  }
  const next = safeNextPath(form.get("next"));
  let joined: string | null = null;
  try {
    const db = await getDb();
    const { user } = await signUp(db, parsed.data);
    // Signing up from an invitation for this address accepts it in the same step; one that cannot
    // be accepted (expired, another address, the team is full) leaves the invitation page to say why.
    const token = invitationTokenOf(next);
    if (token) joined = await acceptInvitation(db, { token, userId: user.id, email: user.email }).then((r) => r.organizationId, (err: unknown) => (err instanceof AppError ? null : Promise.reject(err)));
  } catch (err) {
    if (err instanceof AppError) {
      const fields = Object.fromEntries((err.details?.fields ?? []).map((f) => [f.path, f.message]));
      return { error: err.message, fields, values };
    }
    logger.error({ err, ip }, "sign-up failed");
    return { error: "Could not create the account. Try again.", values };
  }
  if (joined) (await cookies()).set(ORG_COOKIE, joined, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 31_536_000 });
  const failed = await credentialsSignIn(parsed.data.email, parsed.data.password, joined ? "/settings" : next);
  return failed ? { ...failed, values } : {};
}

/** "Try the demo": signs into the seeded demo account when this instance has it, else to the sign-in form. */
export async function demoSignInAction(form: FormData): Promise<void> {
  const next = safeNextPath(form.get("next"));
  if (await demoAvailable(await getDb())) await credentialsSignIn(demoLogin.email, demoLogin.password, next);
  redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
