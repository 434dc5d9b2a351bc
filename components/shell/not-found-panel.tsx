// What a dashboard page shows when the thing it names does not exist (or is not yours): what was
// not found, and the way back to its list. Served with HTTP 404 (see server/trpc/found.ts).
import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function NotFoundPanel({ what, backHref, backLabel }: { what: string; backHref: string; backLabel: string }) {
  return (
    <div className="py-8" data-testid="not-found">
      <EmptyState
        icon={SearchX}
        title={`${what} not found`}
        action={
          <Button asChild>
            <Link href={backHref}>{backLabel}</Link>
          </Button>
        }
      >
        The link may be mistyped, or the {what.toLowerCase()} was deleted or belongs to another organization.
      </EmptyState>
    </div>
  );
}
