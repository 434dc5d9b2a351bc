import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { auth, oauthProviders } from "@/server/auth";
import { safeNextPath } from "@/server/auth/next-path";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if ((await auth())?.user) redirect(safeNextPath(next));
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Cloud MCP Platform."
      footer={
        <>
          No account yet?{" "}
          <Link className="text-primary hover:underline" href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>
            Create one
          </Link>
        </>
      }
    >
      <SignInForm next={next} oauth={oauthProviders} />
    </AuthCard>
  );
}
