export declare const limits: Readonly<{
  maxTemplateFiles: number;
  maxTemplateBytes: number;
  maxOutputFiles: number;
  maxOutputBytes: number;
  maxPathBytes: number;
  maxSegmentBytes: number;
  /** Characters liquidjs may parse per template. */
  parseLimit: number;
  /** Milliseconds one render may take. */
  renderLimitMs: number;
  /** Bytes liquidjs may allocate for one render (ranges, strings, arrays). */
  memoryLimit: number;
}>;
