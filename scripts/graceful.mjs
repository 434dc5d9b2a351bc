// SIGTERM/SIGINT for the serve entry: readiness turns false at once (the draining flag server/lifecycle.ts
// reads), the listener closes (the gateway retries elsewhere), standing event streams end, in-flight
// requests finish, and the app's shutdown hooks (the workflow runner's hand-off) run alongside; the
// process exits when all is done or when SHUTDOWN_GRACE_MS (default 10000) runs out, whichever is first.
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
  // Standing event streams (GET + Accept: text/event-stream: MCP's server stream, tRPC subscriptions)
  // never finish by themselves; at drain they are ended so their clients reconnect elsewhere at once.
  // A POST that streams (a tool call's progress) is an in-flight request: it finishes.
  const streams = new Set();
  const open = new Set(); // every request not yet answered: the drain waits for these, and names them if time runs out
  server.on("request", (req, res) => {
    open.add(req);
    res.once("close", () => open.delete(req));
    if (req.method !== "GET" || !String(req.headers.accept ?? "").includes("text/event-stream")) return;
    streams.add(res);
    res.once("close", () => streams.delete(res));
  });
  const shutdown = async (signal) => {
    if (started) {
      // A second signal (Ctrl-C again at a terminal): stop waiting.
      console.log(JSON.stringify({ level: 40, msg: "second signal, exiting now", signal }));
      process.exit(1);
    }
    started = true;
    const t = Date.now();
    globalThis.__cmpDraining = true;
    console.log(JSON.stringify({ level: 30, msg: "draining", signal, graceMs }));
    const pending = new Set(["requests", "hooks"]);
    server.close();
    // Done with HTTP once no request is unanswered: a connection that is open but carries none (a
    // keep-alive socket between requests) does not hold the exit; closeAllConnections ends it below.
    let poll;
    const requests = new Promise((resolve) => {
      const check = () => {
        server.closeIdleConnections();
        if (open.size === 0) resolve();
      };
      poll = setInterval(check, 50);
      check();
    }).then(() => pending.delete("requests"));
    for (const res of streams) res.end();
    const hooks = Promise.allSettled([...shared.hooks].map((h) => h({ graceMs }))).then(() => pending.delete("hooks"));
    let timer;
    const expired = new Promise((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
    const timedOut = await Promise.race([Promise.all([requests, hooks]).then(() => false), expired]);
    clearTimeout(timer);
    clearInterval(poll);
    server.closeAllConnections();
    const unanswered = [...open].map((r) => `${r.method} ${r.url?.split("?")[0]}`);
    console.log(JSON.stringify({ level: timedOut ? 40 : 30, msg: timedOut ? "grace period over, exiting" : "drained", ms: Date.now() - t, ...(timedOut && { pending: [...pending], unanswered }) }));
    process.exit(0);
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => void shutdown(sig));
}
