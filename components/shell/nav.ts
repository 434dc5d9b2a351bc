import { Bot, FileCode2, FolderArchive, Gauge, ListChecks, type LucideIcon, Settings, Store, Workflow, Zap } from "lucide-react";

export const navItems: { href: string; label: string; icon: LucideIcon }[] = [
  { href: "/tasks", label: "Tasks", icon: ListChecks },
  { href: "/automations", label: "Automations", icon: Zap },
  { href: "/agents", label: "Agents", icon: Bot },
  { href: "/templates", label: "Templates", icon: FileCode2 },
  { href: "/generations", label: "Generations", icon: FolderArchive },
  { href: "/runs", label: "Runs", icon: Workflow },
  { href: "/marketplace", label: "Marketplace", icon: Store },
  { href: "/usage", label: "Usage", icon: Gauge },
  { href: "/settings", label: "Settings", icon: Settings },
];
