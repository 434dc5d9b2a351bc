"use client";
import * as Menu from "@radix-ui/react-dropdown-menu";
import type * as React from "react";
import { cn } from "./cn";

export const Dropdown = Menu.Root;
export const DropdownTrigger = Menu.Trigger;
export const DropdownLabel = ({ children }: { children: React.ReactNode }) => (
  <Menu.Label className="px-2 py-1.5 text-xs font-medium text-muted-fg">{children}</Menu.Label>
);
export const DropdownSeparator = () => <Menu.Separator className="my-1 h-px bg-border" />;

export function DropdownContent({ children, align = "start", className }: { children: React.ReactNode; align?: "start" | "end"; className?: string }) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={6}
        className={cn("z-50 min-w-[14rem] rounded-lg border border-border bg-card p-1 text-sm shadow-lg", className)}
      >
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

export function DropdownItem({ className, ...props }: React.ComponentProps<typeof Menu.Item>) {
  return (
    <Menu.Item
      className={cn("flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 outline-none data-[highlighted]:bg-muted", className)}
      {...props}
    />
  );
}
