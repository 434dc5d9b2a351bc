// SIGTERM/SIGINT for the serve entry: readiness turns false at once (the draining flag server/lifecycle.ts
// reads), the listener closes (the gateway retries elsewhere), in-flight requests finish, and the app's
// shutdown hooks (the workflow runner's hand-off) run alongside; the process exits when all is done or
// when SHUTDOWN_GRACE_MS (default 10000) runs out, whichever is first.
import { clearInterval, clearTimeout, setInterval, setTimeout } from "node:timers";

const DEFAULT_GRACE_MS = 10_000;

export function shutdownGraceMs(raw = process.env.SHUTDOWN_GRACE_MS) {
  if (raw === undefined || raw.trim() === "") return DEFAULT_GRACE_MS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 3_600_000) throw new Error("SHUTDOWN_GRACE_MS: must be a whole number of milliseconds from 0 to 3600000");
  return n;
}

/** Takes the signals over from the app (server/lifecycle.ts registers its hooks on the same global). */
export function installGracefulShutdown(server, graceMs) {
  const shared = (globalThis.__cmpShutdown ??= { hooks: new Set() });
  shared.managed = true;
  let started = false;
  const shutdown = async (signal) => {
    if (started) return;
    started = true;
    const t = Date.now();
    globalThis.__cmpDraining = true;
    console.log(JSON.stringify({ level: 30, msg: "draining", signal, graceMs }));
    const pending = new Set(["http", "hooks"]);
    const closed = new Promise((resolve) => server.close(resolve)).then(() => pending.delete("http"));
    // Keep-alive connections between requests hold the server open: close each as it goes idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    const hooks = Promise.allSettled([...shared.hooks].map((h) => h({ graceMs }))).then(() => pending.delete("hooks"));
    let timer;
    const expired = new Promise((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
    const timedOut = await Promise.race([Promise.all([closed, hooks]).then(() => false), expired]);
    clearTimeout(timer);
    clearInterval(idle);
    if (timedOut) server.closeAllConnections();
    console.log(JSON.stringify({ level: timedOut ? 40 : 30, msg: timedOut ? "grace period over, exiting" : "drained", ms: Date.now() - t, ...(timedOut && { pending: [...pending] }) }));
    process.exit(0);
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => void shutdown(sig));
}
