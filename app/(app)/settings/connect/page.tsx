import { ConnectAgent } from "@/components/settings/connect-agent";
import { appUrl, env } from "@/server/env";

export const metadata = { title: "Connect an agent" };

export default function ConnectPage() {
  return <ConnectAgent baseUrl={appUrl(env)} />;
}
