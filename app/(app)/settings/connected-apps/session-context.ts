import "server-only";
// The signed-in person's service context in their active organization (never an API key), for
// this page and its actions.
import { headers } from "next/headers";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { createContext } from "@/server/trpc/context";

export async function sessionServiceContext(): Promise<ServiceContext> {
  const h = new Headers(await headers());
  h.delete("authorization");
  const ctx = await createContext({ headers: h });
  if (!ctx.actor || !ctx.org) throw new AppError("UNAUTHORIZED", "Sign in first");
  return { db: ctx.db, orgId: ctx.org.id, actor: ctx.actor, role: ctx.org.role, ip: ctx.ip, plan: ctx.org.plan };
}
