import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUESTED_PATH_HEADER } from "@/server/http/requested-path";
import { AppShell } from "@/components/shell/app-shell";
import { auth } from "@/server/auth";
import { safeNextPath } from "@/server/auth/next-path";
import { serverCaller } from "@/server/trpc/server";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) {
    // Back to where they were going after signing in (same-origin paths only; see safeNextPath).
    const wanted = safeNextPath((await headers()).get(REQUESTED_PATH_HEADER), "");
    redirect(wanted ? `/sign-in?next=${encodeURIComponent(wanted)}` : "/sign-in");
  }
  const caller = await serverCaller();
  const { organizations, activeId } = await caller.orgs.mine();
  return (
    <AppShell
      user={{ name: session.user.name ?? null, email: session.user.email ?? "" }}
        orgs={organizations.map((o) => ({ id: o.id, name: o.name, role: o.role }))}
        activeOrgId={activeId}
      >
        {children}
      </AppShell>
  );
}
