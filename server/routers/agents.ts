import "server-only";
import { z } from "zod";
import { env } from "@/server/env";
import { agentIdInput, agentOutput, listAgentsInput, registerAgentInput, updateAgentInput } from "@/server/schemas/tasks";
import { importAgentCard } from "@/server/services/tasks/agent-card";
import { deleteAgent, getAgent, heartbeat, listAgents, registerAgent, updateAgent } from "@/server/services/tasks/agents";
import { orgProcedure, router } from "../trpc/init";

export const agentsRouter = router({
  register: orgProcedure
    .meta({
      scope: "agents:write",
      kind: "write",
      tool: "agents_register",
      rest: { method: "POST", path: "/agents" },
      description:
        "Register an agent: kind `mcp` (you pull work with tasks_claim) or `webhook` (the platform POSTs tasks to `url`, signed with HMAC-SHA256 in x-cmp-signature), with the capabilities it offers and how many tasks it runs at once. Returns the agent and, for webhooks, the signing secret (shown once). Send agents_heartbeat at least every 2 minutes or the agent goes offline.",
    })
    .input(registerAgentInput)
    .output(z.object({ agent: agentOutput, signingSecret: z.string().nullable() }))
    .mutation(({ ctx, input }) => registerAgent(ctx.svc, { ...input, allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE })),

  list: orgProcedure
    .meta({
      scope: "agents:read",
      kind: "read",
      tool: "agents_list",
      rest: { method: "GET", path: "/agents" },
      description: "List your organization's agents (and public ones), optionally only those offering a capability or in a status, with their load, success rate and p50/p95 duration.",
    })
    .input(listAgentsInput)
    .output(z.array(agentOutput))
    .query(({ ctx, input }) => listAgents(ctx.svc, input)),

  get: orgProcedure
    .meta({ scope: "agents:read", kind: "read", tool: "agents_get", rest: { method: "GET", path: "/agents/{agentId}" }, description: "Read one agent with its performance: runs, success rate, p50/p95 duration, current load." })
    .input(agentIdInput)
    .output(agentOutput)
    .query(({ ctx, input }) => getAgent(ctx.svc, input)),

  update: orgProcedure
    .meta({
      scope: "agents:write",
      kind: "write",
      idempotent: true,
      tool: "agents_update",
      rest: { method: "PATCH", path: "/agents/{agentId}" },
      description: "Change an agent's name, description, capabilities, concurrency, URL or sharing; `disabled: true` stops it getting tasks.",
    })
    .input(updateAgentInput)
    .output(agentOutput)
    .mutation(({ ctx, input }) => updateAgent(ctx.svc, { ...input, allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE })),

  delete: orgProcedure
    .meta({ scope: "agents:write", kind: "destructive", tool: "agents_delete", rest: { method: "DELETE", path: "/agents/{agentId}" }, description: "Delete an agent that holds no task in progress." })
    .input(agentIdInput)
    .output(z.object({ id: z.string(), deleted: z.boolean() }))
    .mutation(({ ctx, input }) => deleteAgent(ctx.svc, input)),

  importCard: orgProcedure
    .meta({
      scope: "agents:write",
      kind: "write",
      tool: "agents_import_card",
      rest: { method: "POST", path: "/agents/import" },
      description: "Register a webhook agent from an A2A Agent Card URL: its name, description and endpoint come from the card, its skills become capabilities. Returns the agent and its signing secret (shown once).",
    })
    .input(z.object({ url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000) }))
    .output(z.object({ agent: agentOutput, signingSecret: z.string().nullable() }))
    .mutation(({ ctx, input }) => importAgentCard(ctx.svc, { url: input.url, allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE })),

  heartbeat: orgProcedure
    .meta({
      scope: "agents:write",
      kind: "write",
      idempotent: true,
      tool: "agents_heartbeat",
      rest: { method: "POST", path: "/agents/{agentId}/heartbeat" },
      description: "Say the agent is alive (at least every 2 minutes); an offline agent comes back online and queued tasks are offered again.",
    })
    .input(agentIdInput)
    .output(z.object({ agentId: z.string(), status: z.string(), lastHeartbeatAt: z.date(), nextHeartbeatWithinMs: z.number() }))
    .mutation(({ ctx, input }) => heartbeat(ctx.svc, input)),
});
