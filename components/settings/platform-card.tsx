"use client";
// For the platform's operators: grant credits to an organization, make promo codes and see how
// they are used. Everyone else is told what this page is and who may use it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Field, Input, Select } from "@/components/ui/input";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";

export function PlatformCard() {
  const trpc = useTRPC();
  const operator = useQuery(trpc.platform.isOperator.queryOptions());
  if (operator.isLoading) return <LoadingRows label="Loading" rows={3} />;
  if (!operator.data) return <FormError message="This page is for the platform's operators: the people whose e-mail is in PLATFORM_OPERATORS." />;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <AccountsCard />
      <GrantCard />
      <PromoCodesCard />
      <PlanCard />
    </div>
  );
}

function GrantCard() {
  const trpc = useTRPC();
  const [slug, setSlug] = useState("");
  const [amount, setAmount] = useState("100");
  const [reason, setReason] = useState("");
  // One key per filled-in form: a double click or a retried request grants once.
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const grant = useMutation(trpc.platform.grantCredits.mutationOptions({ onSuccess: () => setRequestKey(crypto.randomUUID()) }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Grant credits</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            grant.mutate({ organizationSlug: slug, amount: Number(amount), reason, requestKey });
          }}
        >
          <Field id="grant-org" label="Organization slug" error={fieldError(grant.error, "organizationSlug")}>
            <Input id="grant-org" value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="acme" />
          </Field>
          <Field id="grant-amount" label="Credits" error={fieldError(grant.error, "amount")}>
            <Input id="grant-amount" type="number" min={1} value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <Field id="grant-reason" label="Reason (shown in their history)" error={fieldError(grant.error, "reason")}>
            <Input id="grant-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Support credit for the outage" />
          </Field>
          {grant.error && !fieldError(grant.error, "amount") ? <FormError message={errorMessage(grant.error)} /> : null}
          {grant.data ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              {grant.data.replayed ? "Already granted (same request)." : `Granted ${grant.data.amount.toLocaleString("en")} credits to ${grant.data.organization.name}.`}
            </p>
          ) : null}
          <Button type="submit" disabled={grant.isPending}>
            {grant.isPending ? "Granting…" : "Grant"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function PromoCodesCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const codes = useQuery(trpc.platform.promoCodes.queryOptions());
  const [code, setCode] = useState("");
  const [credits, setCredits] = useState("500");
  const [max, setMax] = useState("100");
  const [expires, setExpires] = useState("");
  const create = useMutation(
    trpc.platform.createPromoCode.mutationOptions({
      onSuccess: async () => {
        setCode("");
        await qc.invalidateQueries({ queryKey: trpc.platform.promoCodes.queryKey() });
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Promo codes</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ code, credits: Number(credits), maxRedemptions: Number(max), expiresAt: expires ? new Date(`${expires}T23:59:59Z`) : null });
          }}
        >
          <Field id="promo-code" label="Code" error={fieldError(create.error, "code")}>
            <Input id="promo-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="LAUNCH-WEEK" className="font-mono uppercase" />
          </Field>
          <Field id="promo-credits" label="Credits each" error={fieldError(create.error, "credits")}>
            <Input id="promo-credits" type="number" min={1} value={credits} onChange={(e) => setCredits(e.target.value)} />
          </Field>
          <Field id="promo-max" label="Organizations at most" error={fieldError(create.error, "maxRedemptions")}>
            <Input id="promo-max" type="number" min={1} value={max} onChange={(e) => setMax(e.target.value)} />
          </Field>
          <Field id="promo-expires" label="Expires (optional, end of day UTC)" error={fieldError(create.error, "expiresAt")}>
            <Input id="promo-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </Field>
          {create.error ? (
            <div className="sm:col-span-2">
              <FormError message={errorMessage(create.error)} />
            </div>
          ) : null}
          <Button type="submit" className="sm:col-span-2" disabled={create.isPending || code.trim().length < 3}>
            {create.isPending ? "Creating…" : "Create code"}
          </Button>
        </form>
        {codes.data?.length ? (
          <Table>
            <thead>
              <tr>
                <Th>Code</Th>
                <Th className="text-right">Credits</Th>
                <Th className="text-right">Used</Th>
                <Th>Expires</Th>
              </tr>
            </thead>
            <tbody>
              {codes.data.map((c) => (
                <tr key={c.id}>
                  <Td className="font-mono text-xs">{c.code}</Td>
                  <Td className="text-right tabular-nums">{c.credits}</Td>
                  <Td className="text-right tabular-nums">
                    {c.redemptions}/{c.maxRedemptions}
                  </Td>
                  <Td className="text-xs text-muted-fg">{c.expiresAt ? c.expiresAt.toLocaleDateString() : "never"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-muted-fg">No promo codes yet.</p>
        )}
      </CardContent>
    </Card>
  );
}

function PlanCard() {
  const trpc = useTRPC();
  const plans = useQuery(trpc.platform.plans.queryOptions());
  const [slug, setSlug] = useState("");
  const [plan, setPlan] = useState("team");
  const change = useMutation(trpc.platform.setPlan.mutationOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change a plan</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ organizationSlug: slug, plan });
          }}
        >
          <Field id="plan-org" label="Organization slug" error={fieldError(change.error, "organizationSlug")}>
            <Input id="plan-org" value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="acme" />
          </Field>
          <Field id="plan-name" label="Plan" error={fieldError(change.error, "plan")}>
            <Select id="plan-name" value={plan} onChange={(e) => setPlan(e.target.value)}>
              {(plans.data ?? [plan]).map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </Field>
          {change.error ? <FormError message={errorMessage(change.error)} /> : null}
          {change.data ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              {change.data.name} is on the {change.data.plan} plan now.
            </p>
          ) : null}
          <Button type="submit" disabled={change.isPending || !slug.trim()}>
            {change.isPending ? "Saving…" : "Set plan"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function AccountsCard() {
  const trpc = useTRPC();
  const accounts = useQuery(trpc.platform.accounts.queryOptions());
  return (
    <Card className="lg:col-span-2">
      <CardHeader>
        <CardTitle>Platform ledger</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-8 text-sm">
        <div>
          <div className="text-xs text-muted-fg">Fees earned on sales</div>
          <div className="text-2xl font-semibold tabular-nums" data-testid="platform-fees">
            {accounts.data?.fees.toLocaleString("en") ?? "…"}
          </div>
        </div>
        <div>
          <div className="text-xs text-muted-fg">Credits granted (starting, monthly, promo, operators)</div>
          <div className="text-2xl font-semibold tabular-nums">{accounts.data?.granted.toLocaleString("en") ?? "…"}</div>
        </div>
      </CardContent>
    </Card>
  );
}
