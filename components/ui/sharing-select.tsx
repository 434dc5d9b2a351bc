import type * as React from "react";
import { Select } from "./input";

export type Sharing = "private" | "organization" | "public";

/** Who sees a template or an agent: one list of choices for every form that sets it. */
export function SharingSelect({ value, onChange, ...props }: Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> & { value: Sharing; onChange: (v: Sharing) => void }) {
  return (
    <Select value={value} onChange={(e) => onChange(e.target.value as Sharing)} {...props}>
      <option value="organization">Organization: every member</option>
      <option value="private">Private: you and admins</option>
      <option value="public">Public: every organization (marketplace)</option>
    </Select>
  );
}
