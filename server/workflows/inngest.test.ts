import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { defineWorkflow } from "./define";
import { createInngestClient, isInngestConfigured, toInngestFunction } from "./inngest";

const wf = defineWorkflow(
  {
    id: "binding-demo",
    triggers: [{ event: "demo/start" }],
    retries: 2,
    concurrency: { limit: 2, key: "event.data.orgId" },
    priority: { run: "event.data.priority" },
    cancelOn: [{ event: "demo/cancel", match: "data.jobId" }],
  },
  async ({ step, event }) => {
    const a = await step.run("double", () => (event.data.n as number) * 2);
    await step.sleep("pause", "1m");
    await step.sendEvent("notify", { name: "demo/done", data: { jobId: event.data.jobId, a } });
    return { a };
  },
);

describe("Inngest binding", () => {
  const client = createInngestClient({ isDev: true });
  const fn = toInngestFunction(client, wf);

  it("registers the function with its id, triggers and options", () => {
    const config = (fn as unknown as { getConfig: (o: { baseUrl: URL; appPrefix: string }) => { id: string; triggers: unknown[]; concurrency: unknown; cancel: unknown; priority: unknown }[] }).getConfig({
      baseUrl: new URL("http://localhost:3000/api/inngest"),
      appPrefix: "cloud-mcp",
    })[0]!;
    expect(config.id).toBe("cloud-mcp-binding-demo");
    expect(config.triggers).toEqual([{ event: "demo/start" }]);
    expect(config.concurrency).toEqual({ limit: 2, key: "event.data.orgId" });
    expect(config.priority).toEqual({ run: "event.data.priority" });
    expect(config.cancel).toEqual([{ event: "demo/cancel", if: "event.data.jobId == async.data.jobId" }]);
  });

  // @inngest/test 1.0 cannot feed a mocked waitForEvent result through Inngest v4's event
  // validation, so waits are covered by the runner's own tests.
  it("runs the same handler under Inngest's engine with its step tools", async () => {
    const t = new InngestTestEngine({
      function: fn,
      events: [{ name: "demo/start", data: { n: 21, jobId: "j1" } }],
      steps: [
        { id: "pause", handler: () => undefined },
        { id: "notify", handler: () => ({ ids: ["evt-1"] }) },
      ],
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ a: 42 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("notify", { name: "demo/done", data: { jobId: "j1", a: 42 } });
    expect(ctx.step.run).toHaveBeenCalledWith("double", expect.any(Function));
    expect(ctx.step.sleep).toHaveBeenCalledWith("pause", "1m");
  });

  it("is configured only when Inngest settings are present", () => {
    expect(isInngestConfigured({})).toBe(false);
    expect(isInngestConfigured({ eventKey: "k" })).toBe(true);
  });
});
