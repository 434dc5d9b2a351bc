import "server-only";
// Differences between two versions of a template, file by file, as unified line diffs.
import { and, eq, inArray } from "drizzle-orm";
import { fileTemplateVersions } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { ServiceContext } from "../context";
import { findVisibleTemplate, readsSources } from "./access";

type Op = { kind: " " | "-" | "+"; line: string };

/** Line diff by longest common subsequence (templates are small; bounded below). */
export function diffLines(a: string, b: string): Op[] {
  const x = a.split("\n");
  const y = b.split("\n");
  if (x.length * y.length > 4_000_000) return [...x.map((line) => ({ kind: "-" as const, line })), ...y.map((line) => ({ kind: "+" as const, line }))];
  const dp = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) dp[i]![j] = x[i] === y[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      ops.push({ kind: " ", line: x[i++]! });
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) ops.push({ kind: "-", line: x[i++]! });
    else ops.push({ kind: "+", line: y[j++]! });
  }
  while (i < x.length) ops.push({ kind: "-", line: x[i++]! });
  while (j < y.length) ops.push({ kind: "+", line: y[j++]! });
  return ops;
}

export function unified(ops: Op[], context = 3): string {
  const keep = ops.map((op, i) => op.kind !== " " || ops.slice(Math.max(0, i - context), i + context + 1).some((o) => o.kind !== " "));
  const out: string[] = [];
  ops.forEach((op, i) => {
    if (keep[i]) out.push(`${op.kind}${op.line}`);
    else if (keep[i - 1]) out.push("…");
  });
  return out.join("\n");
}

export async function diffVersions(ctx: ServiceContext, input: { templateId: string; from: string; to: string }) {
  const t = await findVisibleTemplate(ctx, input.templateId);
  const rows = await ctx.db
    .select()
    .from(fileTemplateVersions)
    .where(and(eq(fileTemplateVersions.templateId, t.id), inArray(fileTemplateVersions.version, [input.from, input.to])));
  const from = rows.find((r) => r.version === input.from);
  const to = rows.find((r) => r.version === input.to);
  if (!from) throw notFound(`Version ${input.from}`);
  if (!to) throw notFound(`Version ${input.to}`);
  const before = new Map(from.files.map((f) => [f.path, f.content]));
  const after = new Map(to.files.map((f) => [f.path, f.content]));
  const sourcesIncluded = await readsSources(ctx, t);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const files = paths.flatMap((path) => {
    const a = before.get(path);
    const b = after.get(path);
    if (a === b) return [];
    const status = a === undefined ? ("added" as const) : b === undefined ? ("removed" as const) : ("changed" as const);
    return [{ path, status, diff: sourcesIncluded ? unified(diffLines(a ?? "", b ?? "")) : "" }];
  });
  const variablesChanged = JSON.stringify(from.variables) !== JSON.stringify(to.variables);
  const instructionsChanged = from.instructions !== to.instructions;
  return { templateId: t.id, from: input.from, to: input.to, sourcesIncluded, files, variablesChanged, instructionsChanged };
}
