import { Boxes } from "lucide-react";
import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold tracking-tight">
      <span className="grid size-7 place-items-center rounded-lg bg-primary text-primary-fg">
        <Boxes className="size-4" aria-hidden />
      </span>
      Cloud MCP
    </Link>
  );
}
