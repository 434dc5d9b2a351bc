"use client";
// Settings → Connected apps: the MCP clients people signed in to with OAuth, and revoking one
// (its tokens stop working on the next call).
import { PlugZap } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { type ToolProfile, toolProfileInfo } from "@/server/schemas/tool-profiles";

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
              <Th>Returns to</Th>
              <Th>Approved by</Th>
              <Th>Permissions</Th>
              <Th>MCP tools</Th>
              <Th>Connected</Th>
              <Th>Last used</Th>
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
                </Td>
                <Td className="font-mono text-xs">{a.redirectHost}</Td>
                <Td className="text-xs">{a.user.email}</Td>
                <Td className="max-w-xs text-xs text-muted-fg">{a.scopes.length > 4 ? `${a.scopes.slice(0, 4).join(", ")} +${a.scopes.length - 4}` : a.scopes.join(", ")}</Td>
                <Td className="whitespace-nowrap text-xs" title={toolProfileInfo[a.toolProfile].description} data-testid="connected-app-profile">
                  {toolProfileInfo[a.toolProfile].label}
                </Td>
                <Td className="whitespace-nowrap text-xs">{new Date(a.createdAt).toLocaleString()}</Td>
                <Td className="whitespace-nowrap text-xs">{a.lastUsedAt ? new Date(a.lastUsedAt).toLocaleString() : "—"}</Td>
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
