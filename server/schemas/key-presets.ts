// Key presets: the create-key dialog's starting points (issue 14 item 7). Each names its scopes and
// the tool profile its MCP clients see; the dialog keeps only the scopes the caller may grant.
import { type Scope, scopes } from "./scopes";
import type { ToolProfile } from "./tool-profiles";

export const keyPresetIds = ["agent", "read-only", "full"] as const;
export type KeyPresetId = (typeof keyPresetIds)[number];

export interface KeyPreset {
  id: KeyPresetId;
  label: string;
  description: string;
  scopes: readonly Scope[];
  toolProfile: ToolProfile;
}

/** What a working agent needs: its tasks and agent record, templates to generate from, and its credits. */
export const agentScopes: readonly Scope[] = [
  "org:read",
  "tasks:read",
  "tasks:write",
  "agents:read",
  "agents:write",
  "templates:read",
  "generations:read",
  "generations:write",
  "credits:read",
  "usage:read",
];

/** Every read, except the keys list and the audit log, which say who holds access. */
export const readOnlyScopes: readonly Scope[] = scopes.filter((s) => s.endsWith(":read") && s !== "keys:read" && s !== "audit:read");

export const keyPresets: readonly KeyPreset[] = [
  {
    id: "agent",
    label: "Agent",
    description: "Claims and completes tasks, registers itself, generates files and reads its credit balance.",
    scopes: agentScopes,
    toolProfile: "agent",
  },
  {
    id: "read-only",
    label: "Read-only",
    description: "Reads tasks, agents, templates, runs, credits and usage; changes nothing.",
    scopes: readOnlyScopes,
    toolProfile: "all",
  },
  {
    id: "full",
    label: "Full access",
    description: "Everything your role allows, including members, keys and billing. For your own scripts, not for agents.",
    scopes,
    toolProfile: "all",
  },
];

export function keyPreset(id: KeyPresetId): KeyPreset {
  return keyPresets.find((p) => p.id === id)!;
}
