"use client";
import { KeyRound, LogOut, ScrollText } from "lucide-react";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { Dropdown, DropdownContent, DropdownItem, DropdownLabel, DropdownSeparator, DropdownTrigger } from "@/components/ui/dropdown";

export function UserMenu({ name, email }: { name: string | null; email: string }) {
  const initials = (name ?? email).split(/\s+/).map((p) => p[0]?.toUpperCase()).slice(0, 2).join("");
  return (
    <Dropdown>
      <DropdownTrigger asChild>
        <button className="grid size-9 place-items-center rounded-full bg-primary text-sm font-semibold text-primary-fg" aria-label="User menu" data-testid="user-menu">
          {initials}
        </button>
      </DropdownTrigger>
      <DropdownContent align="end">
        <DropdownLabel>
          <span className="block text-sm font-medium text-fg">{name ?? email}</span>
          <span className="block">{email}</span>
        </DropdownLabel>
        <DropdownSeparator />
        <DropdownItem asChild>
          <Link href="/settings/api-keys">
            <KeyRound className="size-4" aria-hidden /> API keys
          </Link>
        </DropdownItem>
        <DropdownItem asChild>
          <Link href="/settings/audit">
            <ScrollText className="size-4" aria-hidden /> Audit log
          </Link>
        </DropdownItem>
        <DropdownSeparator />
        <DropdownItem onSelect={() => void signOutAction()} data-testid="sign-out">
          <LogOut className="size-4" aria-hidden /> Sign out
        </DropdownItem>
      </DropdownContent>
    </Dropdown>
  );
}
