// Issue #11's agent load: N MCP clients at once, each an agent that creates a task for itself,
// claims it, reports progress, reads it and the list, and completes it, for a fixed time. Reports
// p50/p99 per call and errors, then checks nothing was lost: every task a client created exists,
// succeeded, and holds the progress report it was sent.
import { percentile } from "./stats";

const accept = "application/json, text/event-stream";

export interface MixedLoadResult {
  clients: number;
  seconds: number;
  calls: number;
  errors: number;
  p50: number;
  p99: number;
  tasks: number;
  lost: number;
  /** p50/p99 per tool, to see which call holds the tail. */
  byTool: Record<string, { calls: number; p50: number; p99: number }>;
}

export async function mixedLoad(base: string, key: string, clients = 50, seconds = 30): Promise<MixedLoadResult> {
  let id = 0;
  const latencies: number[] = [];
  const perTool = new Map<string, number[]>();
  let errors = 0;
  const call = async (name: string, args: Record<string, unknown>) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", accept },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "tools/call", params: { name, arguments: args } }),
    });
    const body = (await res.json()) as { result?: { isError?: boolean; structuredContent?: Record<string, unknown>; content?: { text: string }[] } };
    const ms = performance.now() - t;
    // Registering the 50 agents at once is the set-up, not the mix: it is shown per tool only.
    if (name !== "agents_register") latencies.push(ms);
    if (!perTool.has(name)) perTool.set(name, []);
    perTool.get(name)!.push(ms);
    if (res.status !== 200 || !body.result || body.result.isError) {
      errors++;
      throw new Error(`${name}: ${res.status} ${body.result?.content?.[0]?.text ?? ""}`);
    }
    return body.result.structuredContent ?? {};
  };
  const created: { id: string; client: number }[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const capability = `load-${c}-${Date.now().toString(36)}`;
      const agent = (await call("agents_register", { name: `Load agent ${c}`, kind: "mcp", capabilities: [capability], maxConcurrency: 1 })) as { agent: { id: string } };
      while (Date.now() < end) {
        try {
          const task = (await call("tasks_create", { title: `load ${c}`, requiredCapabilities: [capability] })) as { id: string };
          created.push({ id: task.id, client: c });
          await call("tasks_claim", { agentId: agent.agent.id });
          await call("tasks_report_progress", { taskId: task.id, progress: 50, message: `half of ${c}` });
          await call("tasks_get", { id: task.id });
          await call("tasks_list", { limit: 10 });
          await call("tasks_complete", { taskId: task.id, result: { ok: true } });
        } catch {
          // counted in errors
        }
      }
    }),
  );
  const measured = latencies.splice(0); // the check below is not part of the load
  const byTool = Object.fromEntries(
    [...perTool].map(([name, ms]) => {
      ms.sort((a, b) => a - b);
      return [name, { calls: ms.length, p50: Math.round(percentile(ms, 50)), p99: Math.round(percentile(ms, 99)) }];
    }),
  );
  let lost = 0;
  for (const t of created) {
    const got = (await call("tasks_get", { id: t.id }).catch(() => null)) as { status?: string } | null;
    // An array output arrives as { result: [...] } in structuredContent.
    const events = (await call("tasks_events", { taskId: t.id }).catch(() => null)) as { result?: { type: string; data?: { message?: string } }[] } | null;
    const reported = (events?.result ?? []).some((e) => (e.type === "progress" || e.type === "started") && e.data?.message === `half of ${t.client}`);
    if (got?.status !== "succeeded" || !reported) lost++;
  }
  measured.sort((a, b) => a - b);
  return { clients, seconds, calls: measured.length, errors, p50: percentile(measured, 50), p99: percentile(measured, 99), tasks: created.length, lost, byTool };
}
