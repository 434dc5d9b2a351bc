// API-key scopes, which are also the actions of the role × scope permissions table.
export const scopes = [
  "org:read",
  "org:write",
  "members:read",
  "members:write",
  "keys:read",
  "keys:write",
  "audit:read",
  "tasks:read",
  "tasks:write",
  "agents:read",
  "agents:write",
  "templates:read",
  "templates:write",
  "generations:read",
  "generations:write",
  "workflows:read",
  "workflows:write",
  "credits:read",
  "credits:write",
  "usage:read",
] as const;
export type Scope = (typeof scopes)[number];

/** One line per scope, as the create-key dialog shows it: what a key holding it may do. */
export const scopeDescriptions: Record<Scope, string> = {
  "org:read": "See the organization's name, plan and the key's own role.",
  "org:write": "Rename the organization.",
  "members:read": "List members and pending invitations.",
  "members:write": "Invite, remove and change the roles of members.",
  "keys:read": "List API keys (never their secrets).",
  "keys:write": "Create and revoke API keys, within the scopes this key holds.",
  "audit:read": "Read the audit log.",
  "tasks:read": "List and read tasks, their events, automations and task templates.",
  "tasks:write": "Create, claim, report progress on, complete, fail and cancel tasks.",
  "agents:read": "List and read registered agents.",
  "agents:write": "Register, update, heartbeat and delete agents.",
  "templates:read": "Search and read file templates.",
  "templates:write": "Create, edit, publish and fork file templates (a paid fork spends credits).",
  "generations:read": "List and download generated files.",
  "generations:write": "Generate files from templates (may spend credits).",
  "workflows:read": "List workflow runs and their steps.",
  "workflows:write": "Cancel and retry workflow runs.",
  "credits:read": "See the credit balance, its history and your earnings as a seller.",
  "credits:write": "Redeem promo codes and manage the organization's credits.",
  "usage:read": "See usage and spending summaries.",
};

/** The scope's domain and verb, for grouping: `tasks:write` → ["tasks", "write"]. */
export function scopeParts(s: Scope): [string, "read" | "write"] {
  const [domain, verb] = s.split(":") as [string, "read" | "write"];
  return [domain, verb];
}
