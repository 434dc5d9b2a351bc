"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";

export function OrgGeneralCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const org = useQuery(trpc.orgs.current.queryOptions());
  const [name, setName] = useState("");
  useEffect(() => {
    if (org.data) setName(org.data.name);
  }, [org.data]);
  const rename = useMutation(
    trpc.orgs.rename.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.orgs.current.queryKey() });
        router.refresh();
      },
    }),
  );
  const canEdit = org.data && (org.data.role === "owner" || org.data.role === "admin");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Organization</CardTitle>
        <CardDescription>
          {org.data ? (
            <>
              Slug <code className="font-mono">{org.data.slug}</code> · plan <span className="capitalize">{org.data.plan}</span> · your role{" "}
              <span className="capitalize">{org.data.role}</span>
            </>
          ) : (
            "Loading…"
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {org.isLoading ? (
          <Skeleton className="h-9 w-full max-w-md" />
        ) : org.error ? (
          <p role="alert" className="text-sm text-danger">{errorMessage(org.error)}</p>
        ) : (
          <form
            className="flex max-w-md flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              rename.mutate({ name });
            }}
          >
            <div className="min-w-0 flex-1">
              <Field id="org-name" label="Name" error={rename.error ? fieldError(rename.error, "name") ?? errorMessage(rename.error) : null}>
                <Input id="org-name" value={name} onChange={(e) => setName(e.target.value)} disabled={!canEdit} />
              </Field>
            </div>
            <Button type="submit" disabled={!canEdit || rename.isPending || name === org.data?.name}>
              {rename.isPending ? "Saving…" : "Save"}
            </Button>
          </form>
        )}
        {rename.isSuccess ? <p className="mt-2 text-sm text-emerald-600">Saved.</p> : null}
      </CardContent>
    </Card>
  );
}
