import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { auth } from "@/server/auth";
import { safeNextPath } from "@/server/auth/next-path";

export const metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if ((await auth())?.user) redirect(next);
  return (
    <AuthCard
      title="Create your account"
      subtitle="You get your own organization; invite your team next."
      footer={
        <>
          Already have an account?{" "}
          <Link className="text-primary hover:underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} />
    </AuthCard>
  );
}
