"use client";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TabList } from "@/components/ui/tab-list";
import { toolProfileInfo } from "@/server/schemas/tool-profiles";
import { connectSnippets, type Snippet } from "./connect-snippets";
import { CopyBlock, CopyField } from "./copy-field";
import { type CreatedKey, CreateKeyDialog } from "./create-key-dialog";

export function ConnectAgent({ baseUrl }: { baseUrl: string }) {
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [client, setClient] = useState<Snippet["id"]>("claude-code");
  const snippets = connectSnippets(baseUrl, created?.secret);
  const mcpUrl = `${baseUrl.replace(/\/+$/, "")}/api/mcp`;
  const mcpClients = snippets.filter((s) => s.id !== "cli");
  const shown = mcpClients.find((s) => s.id === client) ?? mcpClients[0]!;
  const cli = snippets.find((s) => s.id === "cli")!;
  return (
    <div className="grid min-w-0 gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Connect an agent over MCP</CardTitle>
          <CardDescription>
            Any MCP client (Claude Code, Claude Desktop, VS Code, Cursor, your own agent on the MCP SDK) reaches the platform&apos;s tools at
            this URL with an API key. The key&apos;s scopes decide what it may do; its tool profile decides which tools its model reads.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5 [&>*]:min-w-0">
          <div className="grid gap-2">
            <h3 className="text-sm font-medium">MCP endpoint (Streamable HTTP)</h3>
            <CopyField value={mcpUrl} testId="mcp-url" />
          </div>
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-border p-4" data-testid="connect-key">
            <KeyRound className="size-5 shrink-0 text-primary" aria-hidden />
            <p className="min-w-[14rem] flex-1 text-sm text-muted-fg">
              {created ? (
                <>
                  The snippets below now carry your new key (MCP tools: <strong className="text-fg">{toolProfileInfo[created.toolProfile].label}</strong>). Copy
                  them now: the secret is not shown again.
                </>
              ) : (
                <>Create a key for this agent; the snippets fill in with it. The Agent preset lists about ten tools, so the model reads little to start.</>
              )}
            </p>
            <CreateKeyDialog defaultName="MCP agent" onCreated={setCreated} trigger={<Button data-testid="connect-create-key">Create a key for it</Button>} />
          </div>
          <div className="grid gap-3">
            <TabList label="MCP client" className="w-full sm:w-fit" tabs={mcpClients.map((s) => ({ id: s.id, label: s.client }))} value={shown.id} onChange={setClient} />
            <div className="grid min-w-0 gap-2" role="tabpanel" aria-label={shown.client}>
              <p className="text-sm text-muted-fg">
                <span className="font-medium text-fg">{shown.client}</span>: {shown.where}
              </p>
              <CopyBlock value={shown.code} testId={`snippet-${shown.id}`} label={`Copy the ${shown.client} snippet`} />
              {shown.note ? <p className="text-xs text-muted-fg">{shown.note}</p> : null}
            </div>
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>CLI and SDK</CardTitle>
          <CardDescription>The same key drives the command line, the typed SDK and REST, from any directory.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2 [&>*]:min-w-0">
          <p className="text-sm text-muted-fg">{cli.where}</p>
          <CopyBlock value={cli.code} testId="snippet-cli" label="Copy the CLI lines" />
          {cli.note ? <p className="text-xs text-muted-fg">{cli.note}</p> : null}
          <p className="text-sm text-muted-fg">
            REST clients: see the{" "}
            <Link className="text-primary hover:underline" href="/docs/api">
              API reference
            </Link>
            .
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
