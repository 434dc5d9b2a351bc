import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { DemoButton } from "@/components/auth/demo-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { auth, oauthProviders } from "@/server/auth";
import { safeNextPath } from "@/server/auth/next-path";
import { getDb } from "@/server/db";
import { demoAvailable } from "@/server/services/users/demo";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  // One sanitized destination for every way out of this page: the form, both OAuth links, sign-up.
  const next = safeNextPath((await searchParams).next);
  if ((await auth())?.user) redirect(next);
  const demo = await demoAvailable(await getDb());
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Cloud MCP Platform."
      footer={
        <>
          No account yet?{" "}
          <Link className="text-primary hover:underline" href={`/sign-up?next=${encodeURIComponent(next)}`}>
            Create one
          </Link>
        </>
      }
    >
      <SignInForm next={next} oauth={oauthProviders} />
      {demo ? (
        <div className="mt-4 grid gap-2 border-t border-border pt-4 text-center">
          <p className="text-xs text-muted-fg">Just looking? This instance has a demo organization with sample work.</p>
          <DemoButton next={next} variant="secondary" className="w-full">
            Use the demo account
          </DemoButton>
        </div>
      ) : null}
    </AuthCard>
  );
}
