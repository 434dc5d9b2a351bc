import "server-only";
// Pushing a generated Git repository to a remote (GitHub, GitLab, any smart-HTTP server) with a
// token. The token is used for this one push and never stored or logged; the URL must not point
// at private addresses unless configuration allows it.
import git from "isomorphic-git";
import { and, eq } from "drizzle-orm";
import { generations } from "@/db/schema";
import type { BlobStorage } from "@/server/adapters/storage/types";
import { AppError, notFound } from "@/server/errors";
import { audit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { checkUrl } from "@/server/adapters/http/safe-fetch";
import { safeGitHttp } from "@/server/adapters/http/git-http";
import { memoryFs } from "./package";
import { readRepository } from "./repo-store";

export interface PushTarget {
  url: string;
  token?: string;
  branch?: string;
  force?: boolean;
}

export interface PushResult {
  url: string;
  branch: string;
  commit: string;
}

/** Rebuilds the stored bare repository in memory and pushes its one commit. */
export async function pushGeneration(storage: BlobStorage, generationId: string, target: PushTarget, opts: { allowPrivate: boolean }): Promise<PushResult> {
  // Checked before any work; every request of the push is checked again by the fetcher.
  await checkUrl(target.url, { allowPrivate: opts.allowPrivate, field: "push.url" });
  const repo = await readRepository(storage, generationId);
  if (!repo) throw new AppError("CONFLICT", "push: this generation has no Git repository (use format git)");
  const mem = memoryFs();
  const gitdir = "/repo.git";
  await mem.promises.mkdir(gitdir);
  for (const [rel, bytes] of repo) {
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const d = `${gitdir}/${parts.slice(0, i).join("/")}`;
      if (!mem.dirs.has(d)) await mem.promises.mkdir(d);
    }
    await mem.promises.writeFile(`${gitdir}/${rel}`, bytes);
  }
  const fs = { promises: mem.promises };
  const commit = Buffer.from(repo.get("refs/heads/main")!).toString("utf8").trim();
  const branch = target.branch ?? "main";
  try {
    const res = await git.push({
      fs,
      http: safeGitHttp({ allowPrivate: opts.allowPrivate, field: "push.url" }),
      gitdir,
      url: target.url,
      ref: "main",
      remoteRef: `refs/heads/${branch}`,
      force: target.force ?? false,
      onAuth: target.token ? () => ({ username: "x-access-token", password: target.token }) : undefined,
    });
    if (!res.ok) throw Object.assign(new Error("rejected"), { code: "PushRejectedError" });
  } catch (err) {
    if (err instanceof AppError) throw err; // the fetcher's refusal, already in our words
    const why = pushFailure(err);
    throw new AppError("BAD_REQUEST", `push: could not push to ${safeUrl(target.url)}: ${why}`, { fields: [{ path: "push.url", message: why }] });
  }
  return { url: safeUrl(target.url), branch, commit };
}

/**
 * What went wrong, in our words: a remote's reply (which may be an internal service's page) and
 * the token never reach the caller.
 */
function pushFailure(err: unknown): string {
  const e = err as { code?: string; data?: { statusCode?: number } };
  const status = e.data?.statusCode;
  if (e.code === "HttpError") return status === 401 || status === 403 ? "the remote refused the credentials" : `the remote answered HTTP ${status ?? "error"}`;
  if (e.code === "SmartHttpError") return "the URL is not a Git repository served over smart HTTP";
  if (e.code === "PushRejectedError" || e.code === "GitPushError") return "the remote rejected the update (not a fast-forward? push with force, or to a new branch)";
  return `the push failed (${e.code ?? "network or protocol error"})`;
}

/** The URL without any credentials in it, for responses and logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

/** After a git generation finished: push it where asked, audited without the token. */
export async function pushFinishedGeneration(ctx: ServiceContext, generationId: string, target: PushTarget, deps: { storage: BlobStorage; allowPrivate: boolean }) {
  const [g] = await ctx.db.select().from(generations).where(and(eq(generations.id, generationId), eq(generations.organizationId, ctx.orgId)));
  if (!g) throw notFound("Generation");
  if (g.status !== "succeeded") throw new AppError("CONFLICT", `push: the generation is ${g.status}, not finished`);
  const pushed = await pushGeneration(deps.storage, g.reusedFromId ?? g.id, target, { allowPrivate: deps.allowPrivate });
  await audit(ctx, "generation.pushed", { type: "generation", id: g.id }, { ...pushed });
  return pushed;
}
