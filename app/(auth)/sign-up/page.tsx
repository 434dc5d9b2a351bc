import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { auth } from "@/server/auth";

export const metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if ((await auth())?.user) redirect("/tasks");
  return (
    <AuthCard
      title="Create your account"
      subtitle="You get your own organization; invite your team next."
      footer={
        <>
          Already have an account?{" "}
          <Link className="text-primary hover:underline" href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} />
    </AuthCard>
  );
}
