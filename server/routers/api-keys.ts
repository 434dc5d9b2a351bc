import "server-only";
import { z } from "zod";
import { apiKeyOutput, createKeyInput, role, scope } from "@/server/schemas/orgs";
import { createApiKey, grantableScopes, listApiKeys, revokeApiKey } from "@/server/services/keys/api-keys";
import { idInput } from "../schemas/common";
import { orgProcedure, router } from "../trpc/init";

export const apiKeysRouter = router({
  list: orgProcedure
    .meta({ scope: "keys:read", kind: "read", rest: { method: "GET", path: "/api-keys" }, description: "List the organization's API keys: name, prefix, scopes, tool profile, last use, expiry and revocation. Secrets are never returned." })
    .output(z.array(apiKeyOutput))
    .query(({ ctx }) => listApiKeys(ctx.svc)),

  /** Which scopes the caller may put on a new key (its role's, and a key's own): the create dialog offers only these. */
  grantable: orgProcedure
    .meta({ scope: "org:read", kind: "read" })
    .output(z.object({ role, scopes: z.array(scope) }))
    .query(({ ctx }) => ({ role: ctx.org.role, scopes: grantableScopes(ctx.svc) })),

  /** Returns the secret once; only its hash is stored. */
  create: orgProcedure
    .meta({ scope: "keys:write", kind: "write", rest: { method: "POST", path: "/api-keys" }, description: "Create an API key with a name, scopes (never beyond your role), a tool profile (agent, operator, author or all: which MCP tools its clients list) and an optional expiry. The secret is returned once." })
    .input(createKeyInput)
    .output(z.object({ key: apiKeyOutput, secret: z.string() }))
    .mutation(({ ctx, input }) => createApiKey(ctx.svc, input)),

  revoke: orgProcedure
    .meta({ scope: "keys:write", kind: "destructive", rest: { method: "DELETE", path: "/api-keys/{id}" }, description: "Revoke an API key: it stops working at once." })
    .input(idInput)
    .output(apiKeyOutput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.svc, input)),
});
