// The realtime bus on both transports: committed notifications reach subscribers, rolled-back ones
// never do, and on PostgreSQL a second instance (its own client and LISTEN) hears the first's.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { createTestDb, dbKinds } from "@/db/testing";
import { attachChannel, publish, subscribeChannel } from "./db-channel";
import { attachTaskBus, signalTask, taskSignals } from "./task-events";

const heard = (channel: string) => {
  const got: unknown[] = [];
  const off = subscribeChannel(channel, (p) => got.push(p));
  const until = async (n: number) => {
    for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    return got;
  };
  return { got, off, until };
};

describe.each(dbKinds)("realtime bus on %s", (kind) => {
  let h: DbHandle & { url?: string };
  beforeAll(async () => {
    h = await createTestDb(kind);
  });
  afterAll(() => h.close());

  it("delivers only committed notifications, in order", async () => {
    const channel = `t_${randomBytes(4).toString("hex")}`;
    await attachChannel(h, channel);
    await attachChannel(h, channel); // once per handle and channel: no second delivery
    const sub = heard(channel);
    await h.db.transaction(async (tx) => {
      await publish(tx, channel, { n: 1 });
      // Not yet: the transaction has not committed.
      await new Promise((r) => setTimeout(r, 50));
      expect(sub.got).toEqual([]);
    });
    await h.db
      .transaction(async (tx) => {
        await publish(tx, channel, { n: "rolled back" });
        throw new Error("roll back");
      })
      .catch(() => {});
    await publish(h.db, channel, { n: 2 });
    expect(await sub.until(2)).toEqual([{ n: 1 }, { n: 2 }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(sub.got).toHaveLength(2);
    sub.off();
    await publish(h.db, channel, { n: 3 });
    await new Promise((r) => setTimeout(r, 50));
    expect(sub.got).toHaveLength(2);
  });

  it("fans task signals out by organization and task", async () => {
    await attachTaskBus(h);
    const ac = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const s of taskSignals("org-a", { taskId: "t1", signal: ac.signal })) {
        seen.push(`${s.orgId}/${s.taskId}/${s.status}`);
        if (s.status === "succeeded") ac.abort();
      }
    })();
    const base = { eventId: 1, type: "status", progress: 0 };
    await signalTask(h.db, { ...base, orgId: "org-b", taskId: "t1", status: "running" });
    await signalTask(h.db, { ...base, orgId: "org-a", taskId: "t2", status: "running" });
    await signalTask(h.db, { ...base, orgId: "org-a", taskId: "t1", status: "running" });
    await signalTask(h.db, { ...base, orgId: "org-a", taskId: "t1", status: "succeeded" });
    await reading;
    expect(seen).toEqual(["org-a/t1/running", "org-a/t1/succeeded"]);
  });

  it.runIf(kind === "postgres")("carries notifications between instances on PostgreSQL", async () => {
    const other = await openDb({ kind: "postgres", url: h.url!, max: 2 });
    try {
      const channel = `x_${randomBytes(4).toString("hex")}`;
      await attachChannel(other, channel); // only the second instance listens
      const sub = heard(channel);
      await publish(h.db, channel, { from: "first" });
      expect(await sub.until(1)).toEqual([{ from: "first" }]);
      sub.off();
    } finally {
      await other.close();
    }
  });
});
