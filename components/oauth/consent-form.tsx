"use client";
// The consent form: organization, permissions (those the person's role there allows), which MCP
// tools the app's model sees (the tool profile, as on API keys), approve or deny.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import type { ToolProfile } from "@/server/schemas/tool-profiles";
import { ToolProfileField } from "@/components/settings/tool-profile-field";

interface OrgChoice {
  id: string;
  name: string;
  role: string;
  allowed: string[];
}

export function ConsentForm({
  action,
  error,
  clientId,
  scopes,
  toolProfile,
  orgs,
}: {
  action: string;
  error: string | null;
  clientId: string;
  scopes: string[];
  toolProfile: ToolProfile;
  orgs: OrgChoice[];
}) {
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? "");
  const [profile, setProfile] = useState<ToolProfile>(toolProfile);
  const org = orgs.find((o) => o.id === orgId);
  return (
    <form method="post" action={action} className="grid gap-4" data-testid="consent-form">
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <p className="break-all text-xs text-muted-fg">
        Client: <code className="font-mono">{clientId}</code>
      </p>
      {orgs.length ? (
        <Field id="consent-org" label="Organization">
          <Select id="consent-org" name="orgId" value={orgId} onChange={(e) => setOrgId(e.target.value)} data-testid="consent-org">
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.role})
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <p className="text-sm text-muted-fg">You are not a member of any organization yet.</p>
      )}
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">Permissions</legend>
        <div className="grid max-h-56 grid-cols-2 gap-x-3 gap-y-1 overflow-y-auto rounded-md border border-border p-2">
          {scopes.map((s) => {
            const allowed = org?.allowed.includes(s) ?? false;
            return (
              <label key={`${orgId}-${s}`} className={`flex items-center gap-2 text-xs ${allowed ? "" : "text-muted-fg line-through"}`}>
                <input type="checkbox" name="scope" value={s} defaultChecked={allowed} disabled={!allowed} data-testid={`consent-scope-${s}`} />
                <code className="font-mono">{s}</code>
              </label>
            );
          })}
        </div>
        {org && org.allowed.length < scopes.length ? <p className="text-xs text-muted-fg">Struck-out permissions are beyond your role in this organization.</p> : null}
      </fieldset>
      <ToolProfileField id="consent-profile" name="toolProfile" value={profile} onChange={setProfile} testId="consent-profile" />
      <div className="flex justify-end gap-2">
        <Button type="submit" name="decision" value="deny" variant="secondary" data-testid="consent-deny">
          Deny
        </Button>
        <Button type="submit" name="decision" value="approve" disabled={!orgs.length} data-testid="consent-approve">
          Approve
        </Button>
      </div>
    </form>
  );
}
