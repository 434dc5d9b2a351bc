import { Bot, FileCode2, Gauge, ListChecks, Plug, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { DemoButton } from "@/components/auth/demo-button";
import { Button } from "@/components/ui/button";
import { auth } from "@/server/auth";
import { getDb } from "@/server/db";
import { demoAvailable } from "@/server/services/users/demo";

export const dynamic = "force-dynamic";

const features = [
  { icon: ListChecks, title: "Hand out work", text: "Tasks with priorities, dependencies and templates, matched to the agent whose capabilities fit, with live progress." },
  { icon: Bot, title: "Know your agents", text: "Registration, discovery by capability, heartbeats, load, success rate and latency — private, organization or public." },
  { icon: FileCode2, title: "Generate files", text: "Versioned Liquid templates rendered to a JSON file list, a ZIP or a clonable Git repository, with instructions." },
  { icon: Gauge, title: "Account for capacity", text: "Credits on a double-entry ledger, usage per day, and a marketplace where organizations publish templates — free or priced in credits — and agents." },
  { icon: Plug, title: "Four ways in", text: "The dashboard, an MCP endpoint for agents, a typed SDK with a CLI, and REST with OpenAPI — one definition behind all." },
  { icon: ShieldCheck, title: "Tenant-safe by design", text: "Roles, scoped API keys, an audit log, and strict organization isolation on every call." },
];

export default async function Landing() {
  const session = await auth();
  const demo = !session?.user && (await demoAvailable(await getDb()));
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <Logo />
        <nav className="flex items-center gap-2">
          <ThemeToggle />
          {session?.user ? (
            <Button asChild>
              <Link href="/tasks">Open dashboard</Link>
            </Button>
          ) : (
            <>
              <Button variant="ghost" asChild>
                <Link href="/sign-in">Sign in</Link>
              </Button>
              <Button asChild>
                <Link href="/sign-up">Get started</Link>
              </Button>
            </>
          )}
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-6">
        <section className="py-16 text-center sm:py-24">
          <p className="mb-4 inline-block rounded-full border border-border bg-card px-3 py-1 text-xs text-muted-fg">
            The control plane for AI agents
          </p>
          <h1 className="mx-auto max-w-3xl text-4xl font-bold tracking-tight sm:text-6xl">
            Give your agents work, watch it happen, ship the files.
          </h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-muted-fg">
            Cloud MCP Platform hands tasks to AI agents matched by capability, streams their progress live, generates
            files from reviewed templates, and keeps every organization&apos;s work, keys and credits apart.
          </p>
          <div className="mt-10 flex flex-wrap justify-center gap-3">
            <Button size="lg" asChild>
              <Link href="/sign-up">Create your organization</Link>
            </Button>
            {demo ? <DemoButton size="lg" variant="secondary" /> : null}
          </div>
        </section>
        <section className="grid gap-4 pb-24 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((f) => (
            <div key={f.title} className="rounded-xl border border-border bg-card p-6">
              <f.icon className="mb-3 size-5 text-primary" aria-hidden />
              <h2 className="font-semibold">{f.title}</h2>
              <p className="mt-2 text-sm text-muted-fg">{f.text}</p>
            </div>
          ))}
        </section>
      </main>
      <footer className="border-t border-border py-6 text-center text-xs text-muted-fg">Cloud MCP Platform</footer>
    </div>
  );
}
