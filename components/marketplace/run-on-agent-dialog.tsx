"use client";
// Buying capacity: run a task on another organization's public agent. Before anything is charged
// the dialog shows the price per attempt, the balance and what is left after; the price is held
// when the agent takes the task, paid when it succeeds and refunded when it fails.
import { useQuery } from "@tanstack/react-query";
import { Coins, Play } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useCreateTask } from "@/components/tasks/use-create-task";

export interface BuyableAgent {
  id: string;
  name: string;
  priceCredits: number;
  capabilities: string[];
  status: "online" | "offline" | "disabled";
  publisher?: string;
}

export function RunOnAgentDialog({ agent }: { agent: BuyableAgent }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const balance = useQuery({ ...trpc.credits.balance.queryOptions({}), enabled: open });
  const create = useCreateTask(() => setOpen(false));
  const price = agent.priceCredits;
  const available = balance.data?.balance;
  const short = available !== undefined && available < price;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) create.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="run-on-agent-open" disabled={agent.status === "disabled"}>
          <Play /> Run a task on this agent
        </Button>
      </DialogTrigger>
      <DialogContent title={`Run a task on ${agent.name}`} description={`${agent.publisher ? `${agent.publisher}'s agent. ` : ""}It sees this task's title and description, and nothing else of your organization.`} className="max-w-lg">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ title, description: description || undefined, agentId: agent.id, maxPriceCredits: price, requiredCapabilities: [] });
          }}
        >
          <Field id="buy-title" label="Title" error={fieldError(create.error, "title")}>
            <Input id="buy-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Review the checkout flow" autoFocus required />
          </Field>
          <Field id="buy-description" label="Description" error={fieldError(create.error, "description")}>
            <textarea id="buy-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} className="rounded-md border border-border bg-card px-3 py-2 text-sm" placeholder="What the agent needs to know" />
          </Field>
          <dl className="grid grid-cols-3 gap-2 rounded-md border border-border bg-muted/40 p-3 text-sm" data-testid="run-on-agent-price">
            <div>
              <dt className="text-xs text-muted-fg">Price per attempt</dt>
              <dd className="font-medium">{price} credits</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-fg">Your balance</dt>
              <dd className="font-medium">{available ?? "…"}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-fg">After this task</dt>
              <dd className={short ? "font-medium text-danger" : "font-medium"}>{available === undefined ? "…" : available - price}</dd>
            </div>
          </dl>
          <p className="text-xs text-muted-fg">
            <Coins className="mr-1 inline size-3.5" aria-hidden />
            Held when {agent.name} takes the task, paid when it succeeds, refunded if it fails or is cancelled. A retry is a new attempt at the price then, never above {price}.
            {agent.status === "offline" ? " The agent is offline now: the task waits until it is back." : ""}
          </p>
          {short ? (
            <p role="alert" className="text-sm text-danger">
              Not enough credits: this needs {price}, you have {available}. Redeem a promo code on the <Link href="/usage" className="underline">Usage page</Link>, or ask your platform&apos;s operators for credits.
            </p>
          ) : null}
          {create.error ? (
            <p role="alert" className="text-sm text-danger">
              {errorMessage(create.error)}
            </p>
          ) : null}
          <Button type="submit" disabled={create.isPending || short || !title.trim()} data-testid="run-on-agent-submit">
            {create.isPending ? "Creating…" : `Run for ${price} credits`}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
