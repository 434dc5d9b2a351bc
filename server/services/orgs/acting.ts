import "server-only";
// Work the platform does for someone (the built-in agent rendering a member's task, an automation
// firing) acts as that person, with their current role, never as an owner: a member's task cannot
// render a template the member could not read. Someone who left the organization acts no more.
import type { DbOrTx } from "@/db/client";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "../context";
import { membershipRole } from "./organizations";

export async function actingFor(db: DbOrTx, orgId: string, userId: string | null, label: string, what: string): Promise<ServiceContext> {
  const role = userId ? await membershipRole(db, orgId, userId) : null;
  if (!userId || !role) throw new AppError("FORBIDDEN", `${what} was made by someone who is no longer a member of the organization, so it cannot run on their behalf`);
  return { db, orgId, actor: { type: "user", userId, label }, role };
}
