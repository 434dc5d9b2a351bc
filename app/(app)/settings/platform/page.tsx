import { PlatformCard } from "@/components/settings/platform-card";

export const metadata = { title: "Platform" };

export default function PlatformPage() {
  return <PlatformCard />;
}
