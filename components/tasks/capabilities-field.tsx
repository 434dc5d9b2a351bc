"use client";
// Required capabilities, comma separated, as the platform writes them (lowercase words such as
// code:review). What will be sent shows as chips; a space inside one is flagged, not split in two;
// the capabilities agents already offer are suggested as you type.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Field, Input } from "@/components/ui/input";

const valid = /^[a-z0-9][a-z0-9:._/-]{0,63}$/;

/** The capabilities in `text`, split on commas only, and the first one that cannot be sent. */
export function parseCapabilities(text: string): { caps: string[]; problem: string | null } {
  const caps = text
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  const bad = caps.find((c) => !valid.test(c));
  const problem = !bad
    ? null
    : /\s/.test(bad)
      ? `“${bad}” has a space: one capability is one word, such as ${bad.split(/\s+/).join(":")}; separate several with commas`
      : `“${bad}” is not a capability: use lowercase letters, digits and : . _ / - (such as code:review)`;
  return { caps, problem };
}

export function CapabilitiesField({ value, onChange, error, placeholder, enabled }: { value: string; onChange: (v: string) => void; error?: string | null; placeholder: string; enabled: boolean }) {
  const trpc = useTRPC();
  const agents = useQuery({ ...trpc.agents.list.queryOptions({ scope: "all", limit: 100 }), enabled });
  const { caps, problem } = parseCapabilities(value);
  const known = [...new Set((agents.data ?? []).flatMap((a) => a.capabilities))].sort();
  // Suggestions complete the capability being typed, keeping the ones before it.
  const head = value.includes(",") ? `${value.slice(0, value.lastIndexOf(",") + 1)} ` : "";
  const suggestions = known.filter((k) => !caps.slice(0, -1).includes(k));
  return (
    <Field id="task-caps" label="Required capabilities" hint="Comma separated lowercase words; an agent must offer every one." error={problem ?? error}>
      <Input id="task-caps" list="task-caps-known" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} autoComplete="off" aria-invalid={Boolean(problem ?? error)} />
      <datalist id="task-caps-known">
        {suggestions.map((k) => (
          <option key={k} value={`${head}${k}`} />
        ))}
      </datalist>
      {caps.length && !problem ? (
        <div className="flex flex-wrap gap-1" data-testid="task-caps-preview" aria-label="Capabilities to send">
          {caps.map((c) => (
            <span key={c} className="rounded bg-muted px-1.5 py-0.5 font-mono text-[11px]">
              {c}
            </span>
          ))}
        </div>
      ) : null}
    </Field>
  );
}
