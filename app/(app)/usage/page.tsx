import { CreditsCard } from "@/components/credits/credits-card";
import { EarningsCard } from "@/components/credits/earnings-card";
import { RedeemCodeCard } from "@/components/credits/redeem-code-card";
import { PageHeader } from "@/components/shell/page-header";
import { UsageView } from "@/components/usage/usage-view";

export const metadata = { title: "Usage and credits" };

export default function UsagePage() {
  return (
    <>
      <PageHeader title="Usage and credits" description="Your credits and what they paid for; tasks, generations and workflow runs per day" />
      <div className="grid gap-6">
        <CreditsCard />
        <div className="grid gap-6 lg:grid-cols-2">
          <RedeemCodeCard />
          <EarningsCard />
        </div>
        <UsageView />
      </div>
    </>
  );
}
