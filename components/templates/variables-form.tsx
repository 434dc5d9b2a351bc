"use client";
// A form generated from a template's variables schema: text, number, checkbox, choice and
// list fields with their descriptions, defaults and requiredness.
import { Field, Input, Select } from "@/components/ui/input";

export interface VariableProp {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  description?: string;
  enum?: unknown[];
  default?: unknown;
  items?: VariableProp;
}
export interface VariablesSchemaShape {
  properties?: Record<string, VariableProp>;
  required?: string[];
}

/** Sample values for a schema: each default, else an empty value of the right type. */
export function sampleValues(schema: VariablesSchemaShape | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema?.properties ?? {})) {
    if (p.default !== undefined) out[name] = p.default;
    else if (p.enum?.length) out[name] = p.enum[0];
    else if (p.type === "boolean") out[name] = false;
    else if (p.type === "array") out[name] = [];
    else if (p.type === "string") out[name] = name;
  }
  return out;
}

export function VariablesForm({
  schema,
  values,
  onChange,
  errors = [],
  idPrefix,
}: {
  schema: VariablesSchemaShape | null | undefined;
  values: Record<string, unknown>;
  onChange: (values: Record<string, unknown>) => void;
  errors?: { path: string; message: string }[];
  idPrefix: string;
}) {
  const props = Object.entries(schema?.properties ?? {});
  if (props.length === 0) return <p className="text-sm text-muted-fg">This template has no variables.</p>;
  const set = (name: string, v: unknown) => onChange({ ...values, [name]: v });
  return (
    <div className="grid gap-3">
      {props.map(([name, p]) => {
        const id = `${idPrefix}-${name}`;
        const error = errors.find((e) => e.path === `variables.${name}` || e.path.startsWith(`variables.${name}[`))?.message ?? null;
        const label = `${name}${schema?.required?.includes(name) ? " *" : ""}`;
        const v = values[name];
        if (p.type === "boolean") {
          return (
            <label key={name} className="flex items-start gap-2 text-sm" htmlFor={id}>
              <input id={id} type="checkbox" className="mt-0.5 size-4 accent-[var(--primary)]" checked={Boolean(v)} onChange={(e) => set(name, e.target.checked)} />
              <span>
                <span className="font-medium">{name}</span>
                {p.description ? <span className="block text-xs text-muted-fg">{p.description}</span> : null}
              </span>
            </label>
          );
        }
        let control: React.ReactNode;
        if (p.enum?.length) {
          control = (
            <Select id={id} value={String(v ?? "")} onChange={(e) => set(name, p.enum!.find((x) => String(x) === e.target.value))}>
              {p.enum.map((x) => (
                <option key={String(x)} value={String(x)}>
                  {String(x)}
                </option>
              ))}
            </Select>
          );
        } else if (p.type === "number" || p.type === "integer") {
          control = <Input id={id} type="number" value={v === undefined || v === null ? "" : String(v)} onChange={(e) => set(name, e.target.value === "" ? undefined : Number(e.target.value))} aria-invalid={Boolean(error)} />;
        } else if (p.type === "array") {
          control = (
            <Input
              id={id}
              value={Array.isArray(v) ? v.join(", ") : ""}
              placeholder="comma, separated, values"
              onChange={(e) => set(name, e.target.value.split(",").map((s) => s.trim()).filter(Boolean))}
              aria-invalid={Boolean(error)}
            />
          );
        } else {
          control = <Input id={id} value={typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v)} onChange={(e) => set(name, e.target.value)} aria-invalid={Boolean(error)} />;
        }
        return (
          <Field key={name} id={id} label={label} error={error} hint={p.description}>
            {control}
          </Field>
        );
      })}
    </div>
  );
}
