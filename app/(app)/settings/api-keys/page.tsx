import { ApiKeysCard } from "@/components/settings/api-keys-card";

export const metadata = { title: "API keys" };

export default function ApiKeysPage() {
  return <ApiKeysCard />;
}
