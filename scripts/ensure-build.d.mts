// Types for ensure-build.mjs (build .next when the sources changed, one caller at a time).
import type { StdioOptions } from "node:child_process";
export function ensureBuilt(o?: { stdio?: StdioOptions; log?: (line: string) => void }): Promise<{ built: boolean }>;
