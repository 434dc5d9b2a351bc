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
