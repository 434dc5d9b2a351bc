// `npm run bench`: p50/p95 of each benchmark beside its baseline, measured in this same run.
import { benchApi } from "./api";
import { benchCredits } from "./credits";
import { benchFilegen } from "./filegen";
import { benchRunner } from "./runner";
import { benchTasks } from "./tasks";
import { printRows } from "./stats";

const started = Date.now();
printRows("API surfaces (in-process, PGlite; each row beside its baseline)", await benchApi());
printRows("File generation: 200-file template to ZIP (SLA floor: p90 < 10 s)", await benchFilegen());
printRows("Workflow runner", await benchRunner());
printRows("Tasks", await benchTasks());
printRows("Credits (PostgreSQL)", await benchCredits());
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
