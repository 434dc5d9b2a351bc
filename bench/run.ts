// `npm run bench`: p50/p95 of each benchmark beside its baseline, measured in this same run.
import { benchApi } from "./api";
import { benchCredits } from "./credits";
import { benchFilegen } from "./filegen";
import { benchHttp, printThroughput } from "./http";
import { benchIdle, printIdle } from "./idle";
import { benchMetering } from "./metering";
import { benchRunner } from "./runner";
import { benchTasks } from "./tasks";
import { printRows } from "./stats";
import { definePlans } from "../server/services/plans";

// The in-process benchmarks call procedures thousands of times a minute with one key: limits far
// above that, so the limiter is consulted but never refuses.
definePlans({ free: { tasksPerDay: 1e8, generationsPerDay: 1e8, generatedBytesPerMonth: null, concurrentTasks: null, apiCallsPerMinutePerKey: 1e9, apiCallsPerMinutePerOrg: 1e9, members: 1000, monthlyCreditGrant: 1000 } });
const started = Date.now();
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
if (want("http")) printThroughput("Over HTTP: the built server (npm start) at 10 connections, beside the bare MCP SDK in the same run", await benchHttp());
if (want("idle")) printIdle(await benchIdle());
if (want("metering")) printRows("Usage metering: ingestion on PostgreSQL; an MCP call with metering and rate checks on vs off (same run)", await benchMetering());
// Each section by name (`-- http idle`, `-- filegen`…) runs only those; no argument runs everything.
if (want("api")) printRows("API surfaces (in-process, PGlite; each row beside its baseline)", await benchApi());
if (want("filegen")) printRows("File generation: 200-file template to ZIP (SLA floor: p90 < 10 s)", await benchFilegen());
if (want("runner")) printRows("Workflow runner", await benchRunner());
if (want("tasks")) printRows("Tasks", await benchTasks());
if (want("credits")) printRows("Credits (PostgreSQL)", await benchCredits());
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
