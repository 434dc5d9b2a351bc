"use client";
import { useActionState } from "react";
import { type FormState, signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";

/** `invitedEmail`: the address an invitation was sent to, filled in when signing up to accept it. */
export function SignUpForm({ next, invitedEmail }: { next?: string; invitedEmail?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  const f = state.fields ?? {};
  const v = state.values ?? {};
  const invalid = (k: string) => (f[k] ? { "aria-invalid": true, "aria-describedby": `${k}-error` } : {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="next" value={next ?? ""} />
      <Field id="name" label="Your name" error={f.name}>
        <Input id="name" name="name" autoComplete="name" required defaultValue={v.name} {...invalid("name")} />
      </Field>
      <Field id="email" label="Email" error={f.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={v.email ?? invitedEmail} {...invalid("email")} />
      </Field>
      <Field id="password" label="Password" error={f.password} hint="At least 8 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" required {...invalid("password")} />
      </Field>
      <Field id="orgName" label="Organization name (optional)" error={f.orgName}>
        <Input id="orgName" name="orgName" placeholder="Acme Robotics" defaultValue={v.orgName} {...invalid("orgName")} />
      </Field>
      <FormError message={state.error} testId="form-error" />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
