import "server-only";
// Whether this instance has the demo login (seeded on an empty database, or with SEED_DEMO) and it
// still has its published password: then "Try the demo" signs straight in.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "@/server/auth/password";
import { demoLogin } from "../seed";

let known: { at: number; value: boolean } | undefined;
const TTL_MS = 60_000;

export async function demoAvailable(db: Db): Promise<boolean> {
  if (known && Date.now() - known.at < TTL_MS) return known.value;
  const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, demoLogin.email));
  const value = Boolean(u?.hash && (await verifyPassword(demoLogin.password, u.hash)));
  known = { at: Date.now(), value };
  return value;
}
