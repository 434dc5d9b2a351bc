import "server-only";
import { clientIp } from "@/server/http/client-ip";
// Auth.js: email + password (JWT sessions), GitHub and Google when their keys are configured.
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { rateLimiter } from "@/server/adapters/ratelimit";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { createOrganization } from "@/server/services/orgs/organizations";
import { getSigningSecret } from "./secret";
import { attemptSignIn } from "./sign-in";

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export const oauthProviders = {
  github: Boolean(env.AUTH_GITHUB_ID),
  google: Boolean(env.AUTH_GOOGLE_ID),
};

async function config(): Promise<NextAuthConfig> {
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(creds, request) {
        const email = typeof creds?.email === "string" ? creds.email : "";
        const password = typeof creds?.password === "string" ? creds.password : "";
        if (!email || !password) return null;
        const ip = clientIp(request.headers);
        const outcome = await attemptSignIn({ db, limiter: rateLimiter(), perIpLimit: env.SIGNIN_ATTEMPTS_PER_IP }, { email, password, ip });
        if (!outcome.ok) {
          logger.info({ reason: outcome.reason, ip }, "sign-in refused");
          if (outcome.reason === "rate_limited") throw new RateLimited();
          return null;
        }
        return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  return {
    secret: await getSigningSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    adapter: DrizzleAdapter(db as Parameters<typeof DrizzleAdapter>[0] & object, {
      usersTable: users as never,
      accountsTable: accounts as never,
      sessionsTable: sessions as never,
      verificationTokensTable: verificationTokens as never,
    }),
    providers,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      error: (error) => logger.warn({ err: { name: error.name, message: error.message } }, "auth error"),
      warn: (code) => logger.warn({ code }, "auth warning"),
      debug: () => {},
    },
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
    events: {
      // A person who first arrives through GitHub or Google gets their own organization too.
      async createUser({ user }) {
        if (user.id) await createOrganization(db, { name: `${user.name ?? user.email ?? "My"}'s organization`, ownerUserId: user.id });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);
