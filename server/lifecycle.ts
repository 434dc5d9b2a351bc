import "server-only";
// The process's lifecycle as the readiness probe sees it: draining starts at SIGTERM, so the
// load balancer stops sending new work while in-flight requests and workflow steps finish.
const g = globalThis as unknown as { __cmpDraining?: boolean };

export function startDraining(): void {
  g.__cmpDraining = true;
}

export function isDraining(): boolean {
  return g.__cmpDraining === true;
}
