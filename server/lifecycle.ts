import "server-only";
// The process's lifecycle as the readiness probe sees it: draining starts at SIGTERM, so the
// load balancer stops sending new work while in-flight requests and workflow steps finish.
// Shutdown hooks live on globalThis, shared with scripts/serve.mjs (scripts/graceful.mjs), which
// owns the signals when it is the entry: it stops the HTTP server and runs the hooks together.
export type ShutdownHook = (o: { graceMs: number }) => Promise<void>;
const g = globalThis as unknown as {
  __cmpDraining?: boolean;
  __cmpShutdown?: { managed?: boolean; installed?: boolean; hooks: Set<ShutdownHook> };
};

export function startDraining(): void {
  g.__cmpDraining = true;
}

export function isDraining(): boolean {
  return g.__cmpDraining === true;
}

/** Runs fn at SIGTERM/SIGINT. Without the serve entry (e.g. `next dev`) this process installs the handlers itself. */
export function onShutdown(fn: ShutdownHook, graceMs: number): void {
  const s = (g.__cmpShutdown ??= { hooks: new Set() });
  s.hooks.add(fn);
  if (s.managed || s.installed) return;
  s.installed = true;
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => {
      startDraining();
      void Promise.allSettled([...s.hooks].map((h) => h({ graceMs }))).then(() => process.exit(0));
    });
  }
}
