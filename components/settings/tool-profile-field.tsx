"use client";
// Which MCP tools a key or an OAuth connection lists: the profile, with its description as the hint.
import { Field, Select } from "@/components/ui/input";
import { type ToolProfile, toolProfileInfo, toolProfiles } from "@/server/schemas/tool-profiles";

export function ToolProfileField({ id, value, onChange, name, testId }: { id: string; value: ToolProfile; onChange: (p: ToolProfile) => void; name?: string; testId?: string }) {
  return (
    <Field id={id} label="MCP tools" hint={toolProfileInfo[value].description}>
      <Select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value as ToolProfile)} data-testid={testId}>
        {toolProfiles.map((p) => (
          <option key={p} value={p}>
            {toolProfileInfo[p].label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
