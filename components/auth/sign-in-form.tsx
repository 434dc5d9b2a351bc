"use client";
import { useActionState } from "react";
import { type FormState, signInAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";

export function SignInForm({ next, oauth }: { next?: string; oauth: { github: boolean; google: boolean } }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <div className="grid gap-4">
      <form action={action} className="grid gap-4" noValidate>
        <input type="hidden" name="next" value={next ?? ""} />
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
        </Field>
        <Field id="password" label="Password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <FormError message={state.error} testId="form-error" />
        <Button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oauth.github || oauth.google ? (
        <div className="grid gap-2 border-t border-border pt-4">
          {oauth.github ? (
            <Button variant="secondary" asChild>
              <a href={`/api/auth/signin/github?callbackUrl=${encodeURIComponent(next ?? "/tasks")}`}>Continue with GitHub</a>
            </Button>
          ) : null}
          {oauth.google ? (
            <Button variant="secondary" asChild>
              <a href={`/api/auth/signin/google?callbackUrl=${encodeURIComponent(next ?? "/tasks")}`}>Continue with Google</a>
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
