"use client";
// Settings → Connected apps: the MCP clients people signed in to with OAuth, and revoking one
// (its tokens stop working on the next call).
import { PlugZap } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";
import { type ToolProfile, toolProfileInfo } from "@/server/schemas/tool-profiles";
import { scopeSummary } from "./scope-summary";

export interface ConnectedAppRow {
  id: string;
  clientName: string;
  clientId: string;
  redirectHost: string;
  scopes: string[];
  toolProfile: ToolProfile;
  createdAt: string;
  lastUsedAt: string | null;
  user: { id: string; email: string };
}

/** Columns only wide screens show; on a phone they fold under the app's name, so Revoke stays on screen. */
const wide = "hidden sm:table-cell";

export function ConnectedApps({ apps, revoke }: { apps: ConnectedAppRow[]; revoke: (id: string) => Promise<{ error?: string }> }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-4">
      <p className="max-w-2xl text-sm text-muted-fg">
        Apps that connect to <code className="font-mono">/api/mcp</code> by URL (chat apps, IDEs) sign you in with OAuth and act with the permissions you approved,
        never more than your role allows.
      </p>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      {apps.length === 0 ? (
        <EmptyState icon={PlugZap} title="No connected apps">
          When an MCP client asks to connect and you approve it, it shows up here.
        </EmptyState>
      ) : (
        <Table data-testid="connected-apps">
          <thead>
            <tr>
              <Th>App</Th>
              <Th className={wide}>Returns to</Th>
              <Th className={wide}>Approved by</Th>
              <Th className={wide}>Permissions</Th>
              <Th className={cn(wide, "whitespace-nowrap")}>MCP tools</Th>
              <Th className={cn(wide, "whitespace-nowrap")}>Last used</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={a.id} data-testid={`connected-app-${a.clientName}`}>
                <Td className="font-medium" title={a.clientId}>
                  {a.clientName}
                  <div className="mt-0.5 text-xs font-normal text-muted-fg">
                    Connected <RelativeTime at={a.createdAt} />
                  </div>
                  <div className="mt-0.5 grid gap-0.5 text-xs font-normal text-muted-fg sm:hidden">
                    <span>
                      <span className="font-mono">{a.redirectHost}</span> · {toolProfileInfo[a.toolProfile].label} tools
                    </span>
                    <span className="break-all">By {a.user.email}</span>
                    <span>{scopeSummary(a.scopes)}</span>
                    <span>{a.lastUsedAt ? <>Last used <RelativeTime at={a.lastUsedAt} /></> : "Never used"}</span>
                  </div>
                </Td>
                <Td className={cn(wide, "font-mono text-xs")}>{a.redirectHost}</Td>
                <Td className={cn(wide, "text-xs")}>{a.user.email}</Td>
                <Td className={cn(wide, "max-w-xs text-xs text-muted-fg")}>{scopeSummary(a.scopes)}</Td>
                <Td className={cn(wide, "whitespace-nowrap text-xs")} title={toolProfileInfo[a.toolProfile].description} data-testid="connected-app-profile">
                  {toolProfileInfo[a.toolProfile].label}
                </Td>
                <Td className={cn(wide, "whitespace-nowrap text-xs")}>{a.lastUsedAt ? <RelativeTime at={a.lastUsedAt} /> : "—"}</Td>
                <Td className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={pending}
                    data-testid={`revoke-${a.clientName}`}
                    onClick={() =>
                      start(async () => {
                        setError((await revoke(a.id)).error ?? null);
                      })
                    }
                  >
                    Revoke
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
