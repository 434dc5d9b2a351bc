import { MembersCard } from "@/components/settings/members-card";
import { OrgGeneralCard } from "@/components/settings/org-general-card";

export const metadata = { title: "Organization settings" };

export default function SettingsPage() {
  return (
    <div className="grid gap-6">
      <OrgGeneralCard />
      <MembersCard />
    </div>
  );
}
