"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";

const tabs = [
  { href: "/settings", label: "Organization" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/audit", label: "Audit log" },
  { href: "/settings/connected-apps", label: "Connected apps" },
  { href: "/settings/connect", label: "Connect an agent" },
];

export function SettingsNav() {
  const pathname = usePathname();
  const trpc = useTRPC();
  // The Platform tab is for the platform's operators only (PLATFORM_OPERATORS).
  const operator = useQuery({ ...trpc.platform.isOperator.queryOptions(), staleTime: 300_000 }).data === true;
  // On a phone the tabs scroll sideways: the current one is brought into view, not left cut off.
  // (Found through the nav rather than a ref toggled between Links: Next's Link crashed detaching it
  // when the page was left — "i is not a function" on the next page.)
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav ref={nav} aria-label="Settings" className="mb-6 flex gap-1 overflow-x-auto border-b border-border">
      {[...tabs, ...(operator ? [{ href: "/settings/platform", label: "Platform" }] : [])].map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={pathname === t.href ? "page" : undefined}
          className={cn(
            "-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-fg hover:text-fg",
            pathname === t.href && "border-primary text-fg",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
