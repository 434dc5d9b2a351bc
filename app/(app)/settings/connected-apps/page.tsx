import { ConnectedApps } from "@/components/settings/connected-apps";
import { listConnectedApps } from "@/server/services/oauth/connections";
import { revokeConnectedAppAction } from "./actions";
import { sessionServiceContext } from "./session-context";

export const metadata = { title: "Connected apps" };
export const dynamic = "force-dynamic";

export default async function ConnectedAppsPage() {
  const apps = await listConnectedApps(await sessionServiceContext());
  return <ConnectedApps apps={apps.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), lastUsedAt: a.lastUsedAt?.toISOString() ?? null }))} revoke={revokeConnectedAppAction} />;
}
