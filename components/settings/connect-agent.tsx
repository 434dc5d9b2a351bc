"use client";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyField } from "./copy-field";
import { CreateKeyDialog } from "./create-key-dialog";

function Snippet({ title, code, testId }: { title: string; code: string; testId: string }) {
  return (
    <div className="grid gap-2">
      <h3 className="text-sm font-medium">{title}</h3>
      <pre data-testid={testId} className="overflow-x-auto rounded-md border border-border bg-muted p-3 font-mono text-xs leading-relaxed">
        {code}
      </pre>
    </div>
  );
}

export function ConnectAgent({ baseUrl }: { baseUrl: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const mcpUrl = `${baseUrl}/api/mcp`;
  const key = secret ?? "cmp_YOUR_API_KEY";
  const json = JSON.stringify({ mcpServers: { "cloud-mcp": { type: "http", url: mcpUrl, headers: { Authorization: `Bearer ${key}` } } } }, null, 2);
  const claude = `claude mcp add --transport http cloud-mcp ${mcpUrl} \\\n  --header "Authorization: Bearer ${key}"`;
  const cli = `npx cloud-mcp login --url ${baseUrl} --key ${key}\nnpx cloud-mcp whoami`;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Connect an agent over MCP</CardTitle>
          <CardDescription>
            Any MCP client (Claude Code, Cursor, your own agent on the MCP SDK) reaches the platform&apos;s tools at this URL with an API
            key. The tools it sees are those the key&apos;s scopes allow.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="grid gap-2">
            <h3 className="text-sm font-medium">MCP endpoint (Streamable HTTP)</h3>
            <CopyField value={mcpUrl} testId="mcp-url" />
          </div>
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-border p-4">
            <KeyRound className="size-5 text-primary" aria-hidden />
            <p className="min-w-0 flex-1 text-sm text-muted-fg">
              {secret ? "The snippets below now carry your new key. Copy them now: the secret is not shown again." : "Create a key for this agent; the snippets fill in with it."}
            </p>
            <CreateKeyDialog
              defaultName="MCP agent"
              onCreated={setSecret}
              trigger={<Button data-testid="connect-create-key">Create a key for it</Button>}
            />
          </div>
          <Snippet title="mcpServers entry (Claude Desktop, Cursor, VS Code…)" code={json} testId="snippet-json" />
          <Snippet title="Claude Code" code={claude} testId="snippet-claude" />
          <Snippet title="CLI and SDK" code={cli} testId="snippet-cli" />
          <p className="text-sm text-muted-fg">
            REST clients: see the <Link className="text-primary hover:underline" href="/docs/api">API reference</Link>.
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
