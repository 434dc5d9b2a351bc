// Bounds on untrusted templates and what they produce. Plain JavaScript so that the render
// worker (render-worker.mjs, loaded by Node without a bundler) reads the same numbers.
export const limits = Object.freeze({
  maxTemplateFiles: 2_000,
  maxTemplateBytes: 10 * 1024 * 1024,
  maxOutputFiles: 2_000,
  maxOutputBytes: 50 * 1024 * 1024,
  maxPathBytes: 4_096,
  maxSegmentBytes: 255,
  /** Characters liquidjs may parse per template. */
  parseLimit: 2_000_000,
  /** Milliseconds one render may take. */
  renderLimitMs: 1_500,
  /** Bytes liquidjs may allocate for one render (ranges, strings, arrays). */
  memoryLimit: 64 * 1024 * 1024,
});
