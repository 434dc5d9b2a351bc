import "server-only";
// Moving an organization to another plan (an operator's act): its limits apply to the next call on
// every instance, since cached API keys carry the plan and are dropped for the organization.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations } from "@/db/schema";
import { AppError } from "@/server/errors";
import { audit } from "../audit/audit";
import type { Actor } from "../context";
import { organizationBySlug } from "../credits/grants";
import { invalidateOrgKeys } from "../keys/key-cache";
import { planNames } from "../plans";

export async function setOrganizationPlan(db: DbOrTx, input: { organizationSlug: string; plan: string; actor: Actor }) {
  if (!planNames().includes(input.plan)) throw new AppError("BAD_REQUEST", `plan: no plan named ${input.plan} (plans: ${planNames().join(", ")})`, { fields: [{ path: "plan", message: `one of ${planNames().join(", ")}` }] });
  return db.transaction(async (tx) => {
    const org = await organizationBySlug(tx, input.organizationSlug);
    await tx.update(organizations).set({ plan: input.plan }).where(eq(organizations.id, org.id));
    await audit({ db: tx, orgId: org.id, actor: input.actor }, "org.plan_changed", { type: "organization", id: org.id }, { from: org.plan, to: input.plan });
    await invalidateOrgKeys(tx, org.id);
    return { ...org, plan: input.plan };
  });
}
