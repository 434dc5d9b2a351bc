"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { errorMessage, useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { Table, Td, Th } from "@/components/ui/table";
import { toolProfileInfo } from "@/server/schemas/tool-profiles";
import { CreateKeyDialog } from "./create-key-dialog";
import { scopeSummary } from "./scope-summary";

const when = (d: Date | null) => (d ? d.toLocaleString() : "—");
/** Columns only wide screens show. */
const wide = "hidden sm:table-cell";

export function ApiKeysCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }) }));
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted-fg">
          Keys authenticate the SDK, the CLI, REST and MCP clients with <code className="font-mono">Authorization: Bearer cmp_…</code>.
        </p>
        <CreateKeyDialog />
      </div>
      {revoke.error ? <p role="alert" className="text-sm text-danger">{errorMessage(revoke.error)}</p> : null}
      {keys.isLoading ? (
        <LoadingRows label="Loading API keys" />
      ) : keys.error ? (
        <FormError message={errorMessage(keys.error)} testId="keys-error" />
      ) : keys.data?.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API keys">
          Create a key for an agent, a script or CI. Its secret is shown once.
        </EmptyState>
      ) : (
        <Table data-testid="api-keys">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th className={wide}>Key</Th>
              <Th className={wide}>Scopes</Th>
              <Th className={cn(wide, "whitespace-nowrap")}>MCP tools</Th>
              <Th className={wide}>Last used</Th>
              <Th className={wide}>Expires</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {keys.data?.map((k) => {
              const expired = k.expiresAt && k.expiresAt < new Date();
              return (
                <tr key={k.id} data-testid={`key-${k.name}`}>
                  <Td className="font-medium">
                    {k.name}
                    {/* On a phone the other columns fold under the name, so Revoke stays on screen. */}
                    <div className="mt-0.5 grid gap-0.5 text-xs font-normal text-muted-fg sm:hidden">
                      <span>
                        <code className="font-mono">{k.prefix}…</code> · {toolProfileInfo[k.toolProfile].label} tools
                      </span>
                      <span>{scopeSummary(k.scopes)}</span>
                      <span>
                        {k.lastUsedAt ? `Last used ${when(k.lastUsedAt)}` : "Never used"} · {k.expiresAt ? `expires ${when(k.expiresAt)}` : "never expires"}
                      </span>
                    </div>
                  </Td>
                  <Td className={wide}>
                    <code className="font-mono text-xs">{k.prefix}…</code>
                  </Td>
                  <Td className={cn(wide, "max-w-xs text-xs text-muted-fg")}>{scopeSummary(k.scopes)}</Td>
                  <Td className={cn(wide, "whitespace-nowrap text-xs")} title={toolProfileInfo[k.toolProfile].description}>
                    {toolProfileInfo[k.toolProfile].label}
                  </Td>
                  <Td className={cn(wide, "whitespace-nowrap text-xs")}>{when(k.lastUsedAt)}</Td>
                  <Td className={cn(wide, "whitespace-nowrap text-xs")}>{k.expiresAt ? when(k.expiresAt) : "Never"}</Td>
                  <Td className="text-right">
                    {k.revokedAt ? (
                      <Badge tone="danger">Revoked</Badge>
                    ) : expired ? (
                      <Badge tone="warning">Expired</Badge>
                    ) : (
                      <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ id: k.id })} disabled={revoke.isPending}>
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </div>
  );
}
