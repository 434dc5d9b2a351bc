import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { auth } from "@/server/auth";
import { serverCaller } from "@/server/trpc/server";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
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
