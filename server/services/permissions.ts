import "server-only";
// One permissions table: role × scope. API-key scopes use the same names, so a procedure
// names one scope and both a member's role and a key's scopes are checked against it.
import type { Role } from "@/db/schema";

import { type Scope, scopes } from "@/server/schemas/scopes";

export { type Scope, scopes };

const reads = scopes.filter((s) => s.endsWith(":read") && s !== "audit:read" && s !== "keys:read");
const operate: Scope[] = ["tasks:write", "agents:write", "templates:write", "generations:write", "workflows:write"];
const administer: Scope[] = ["org:write", "members:write", "keys:read", "keys:write", "audit:read", "credits:write"];

export const permissions: Record<Role, ReadonlySet<Scope>> = {
  viewer: new Set(reads),
  member: new Set([...reads, ...operate]),
  admin: new Set([...reads, ...operate, ...administer]),
  owner: new Set(scopes),
};

export function roleCan(role: Role, scope: Scope): boolean {
  return permissions[role].has(scope);
}

export const roleRank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function isScope(s: string): s is Scope {
  return (scopes as readonly string[]).includes(s);
}
