import { Field, Input } from "@/components/ui/input";

/** A public template's price per generation, in credits (as typed: the procedure validates it). */
export function PriceField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | null }) {
  return (
    <Field id="tpl-price" label="Price per generation (credits)" hint="Other organizations pay it per new generation or fork; you receive it less a 10% fee. 0 is free." error={error ?? null}>
      <Input id="tpl-price" type="number" min={0} step={1} value={value} onChange={(e) => onChange(e.target.value)} className="w-40" />
    </Field>
  );
}
