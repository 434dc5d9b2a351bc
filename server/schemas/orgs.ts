import { z } from "zod";
import { roleEnum } from "@/db/schema";
import { scopes } from "./scopes";
import { toolProfiles } from "./tool-profiles";
import { cursorField, limitField, uuid } from "./common";

export const role = z.enum(roleEnum.enumValues);
export const orgName = z.string().trim().min(2, "must be at least 2 characters").max(80, "must be at most 80 characters");
export const email = z.email("must be a valid email address").max(254).transform((e) => e.trim().toLowerCase());
export const password = z.string().min(8, "must be at least 8 characters").max(200, "must be at most 200 characters");

export const signUpInput = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  email,
  password,
  orgName: orgName.optional(),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const organizationOutput = z.object({ id: z.string(), name: z.string(), slug: z.string(), plan: z.string() });
export const myOrganizationOutput = organizationOutput.extend({ role });

export const createOrgInput = z.object({ name: orgName });
export const renameOrgInput = z.object({ name: orgName });
export const switchOrgInput = z.object({ orgId: uuid("orgId") });

export const inviteInput = z.object({ email, role: role.default("member") });
export type InviteInput = z.infer<typeof inviteInput>;
export const tokenInput = z.object({ token: z.string().min(20).max(200) });
export const changeRoleInput = z.object({ userId: uuid("userId"), role });
export const removeMemberInput = z.object({ userId: uuid("userId") });

export const scope = z.enum(scopes);
export const createKeyInput = z.object({
  name: z.string().trim().min(1, "is required").max(80),
  scopes: z.array(scope).min(1, "choose at least one scope"),
  /** Which MCP tools the key's clients list; every tool its scopes allow when omitted. */
  toolProfile: z.enum(toolProfiles).default("all"),
  expiresAt: z.coerce.date().nullish(),
});
export type CreateKeyInput = z.infer<typeof createKeyInput>;
export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(scope),
  toolProfile: z.enum(toolProfiles),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const auditListInput = z.object({ limit: limitField, cursor: cursorField }).default({ limit: 20 });
