// Memory of a large generation: a template rendering about 50 MB into a ZIP, built by the worker
// pool in this process (the workers' memory is this process's RSS too). Reports the peak RSS rise
// over the idle process (after one warm-up), sampled every 5 ms, beside the output's size. One
// worker with a generous budget, so a busy machine measures memory rather than hitting the clock.
import { renderZipOn } from "../server/services/filegen/render";
import { createRenderPool } from "../server/services/filegen/render-pool";

const FILES = 100;
const line = "x".repeat(95);
const files = Array.from({ length: FILES }, (_, i) => ({ path: `big/file-${i}.txt`, content: `{% for n in (1..5000) %}{{ n | plus: ${i} }} ${line}\n{% endfor %}` }));

export async function benchFilegenMemory(): Promise<{ outputMb: number; peakRiseMb: number; archiveMb: number }> {
  const pool = createRenderPool({ workers: 1, budgetMs: 120_000, memoryMb: 1024 });
  const renderZip = (f: typeof files) => renderZipOn(pool, f, {}, "", { cacheKey: "memory-bench" });
  await renderZip(files.slice(0, 2));
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const r = await renderZip(files);
  clearInterval(timer);
  await pool.close();
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (n: number) => n / 1024 / 1024;
  return { outputMb: mb(r.files.reduce((n, f) => n + f.size, 0)), peakRiseMb: mb(peak - before), archiveMb: mb(r.archive.byteLength) };
}
