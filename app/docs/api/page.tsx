import Link from "next/link";
import { ApiReference } from "@/components/docs/api-reference";
import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { appUrl, env } from "@/server/env";
import { openApiDocument } from "@/server/rest/openapi";

export const metadata = { title: "REST API reference" };
export const dynamic = "force-dynamic";

export default function ApiDocsPage() {
  const doc = openApiDocument(`${appUrl(env)}/api/v1`);
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-6 py-5">
        <Logo />
        <div className="flex items-center gap-3 text-sm">
          <a className="text-primary hover:underline" href="/api/v1/openapi.json">
            openapi.json
          </a>
          <Link className="text-primary hover:underline" href="/settings/connect">
            Connect an agent
          </Link>
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 pb-20">
        <ApiReference doc={doc} />
      </main>
    </div>
  );
}
