// Credits: a paid operation's ledger work — hold, then settle to the publisher with the platform
// fee — beside a bare two-row balance transfer in one transaction, on PostgreSQL. Serial latency,
// then throughput with 8 buyers paying one publisher at once (its wallet is the hot row).
import { sql } from "drizzle-orm";
import { hold, settle, walletId } from "../server/services/credits/ledger";
import { scopes } from "../server/services/permissions";
import { keyCaller, makeOrg } from "../server/trpc/testing";
import { withScratchPostgres } from "./scratch-postgres";
import { type BenchRow, measure, percentile } from "./stats";

export async function benchCredits(): Promise<BenchRow[]> {
  return withScratchPostgres("credits", async (h) => {
    const seller = (await makeOrg(h.db, "Seller")).org.id;
    const buyers = await Promise.all(Array.from({ length: 8 }, async (_, i) => (await makeOrg(h.db, `Buyer ${i}`)).org.id));
    // One publisher per buyer: then the only row every sale locks is the platform's fee account.
    const sellers = await Promise.all(buyers.map(async (_, i) => (await makeOrg(h.db, `Seller ${i}`)).org.id));
    await h.db.execute(sql`update credit_accounts set balance = 1000000 where kind = 'wallet'`);
    let n = 0;
    const payTo = (buyer: string, payee: string) => async () => {
      const key = `bench:${n++}`;
      await hold(h.db, { key, buyerOrgId: buyer, payeeOrgId: payee, amount: 10, memo: "bench", subject: key });
      await settle(h.db, key);
    };
    const pay = (buyer: string) => payTo(buyer, seller);
    const payOwnSeller = (buyer: string) => payTo(buyer, sellers[buyers.indexOf(buyer)]!);
    const bare = (buyer: string) => () =>
      h.db.transaction(async (tx) => {
        await tx.execute(sql`update credit_accounts set balance = balance - 10 where id = ${walletId(buyer)}`);
        await tx.execute(sql`update credit_accounts set balance = balance + 10 where id = ${walletId(seller)}`);
      });
    const serial = await measure(pay(buyers[0]!), 200, 20);
    const serialBare = await measure(bare(buyers[0]!), 200, 20);
    const burst = async (op: (buyer: string) => () => Promise<unknown>, each: number) => {
      const lat: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        buyers.map(async (b) => {
          for (let i = 0; i < each; i++) {
            const s = performance.now();
            await op(b)();
            lat.push(performance.now() - s);
          }
        }),
      );
      return { perSecond: (buyers.length * each) / ((performance.now() - t0) / 1000), lat: lat.sort((a, b) => a - b) };
    };
    const concurrent = await burst(pay, 50);
    const concurrentBare = await burst(bare, 50);
    const spread = await burst(payOwnSeller, 50);
    // A whole paid task (create → claim holds → complete settles) on another organization's public
    // agent, beside the same task on the buyer's own agent: the overhead of escrow end to end.
    const sellerApi = await keyCaller(h.db, seller, scopes);
    const buyerApi = await keyCaller(h.db, buyers[0]!, scopes);
    const market = (await sellerApi.agents.register({ name: "Bench seller", kind: "mcp", capabilities: ["bench"], sharing: "public", priceCredits: 10, maxConcurrency: 1000 })).agent;
    const own = (await buyerApi.agents.register({ name: "Bench own", kind: "mcp", capabilities: ["bench"], maxConcurrency: 1000 })).agent;
    const taskOn = (agentId: string, worker: typeof sellerApi) => async () => {
      const t = await buyerApi.tasks.create({ title: "bench", agentId });
      const { task } = await worker.tasks.claim({ agentId });
      if (task?.id !== t.id) throw new Error("bench: the claim took another task");
      await worker.tasks.complete({ taskId: t.id });
    };
    const paidTask = await measure(taskOn(market.id, sellerApi), 100, 10);
    const ownTask = await measure(taskOn(own.id, buyerApi), 100, 10);
    const [sum] = await h.db.execute(sql`select coalesce(sum(amount), 0)::int as n from credit_entries`).then((r) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows) as { n: number }[]);
    return [
      { name: "paid task on another organization's agent: create → claim → complete", p50: paidTask.p50, p95: paidTask.p95, baselineName: "the same task on an own agent", baselineP50: ownTask.p50, baselineP95: ownTask.p95 },
      { name: "paid operation: hold + settle with fee (serial)", p50: serial.p50, p95: serial.p95, baselineName: "bare two-row balance transfer", baselineP50: serialBare.p50, baselineP95: serialBare.p95 },
      {
        name: "the same, 8 buyers → one publisher at once",
        p50: percentile(concurrent.lat, 50),
        p95: percentile(concurrent.lat, 95),
        baselineName: "bare transfer",
        baselineP50: percentile(concurrentBare.lat, 50),
        baselineP95: percentile(concurrentBare.lat, 95),
      },
      {
        name: "paid operations per second, 8 buyers → 8 publishers (only the fee account shared)",
        p50: spread.perSecond,
        p95: spread.perSecond,
        unit: "/s",
        baselineName: "8 buyers → one publisher",
        baselineP50: concurrent.perSecond,
        baselineP95: concurrent.perSecond,
      },
      { name: "paid operations per second, 8 buyers", p50: concurrent.perSecond, p95: concurrent.perSecond, unit: "/s", baselineName: "bare transfer", baselineP50: concurrentBare.perSecond, baselineP95: concurrentBare.perSecond, note: `ledger sums to ${sum?.n ?? "?"}` },
    ];
  });
}
