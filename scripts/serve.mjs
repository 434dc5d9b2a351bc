// The production HTTP entry: a node:http server in front of Next's request handler.
// It owns what only the socket knows — the client's address — and rewrites X-Forwarded-For
// to that one address, so nothing behind it can be fooled by a header a client made up
// (the header is honored only from TRUSTED_PROXIES, e.g. the nginx gateway).
import http from "node:http";
import next from "next";
import { parseTrustedProxies, pinForwardedFor } from "../server/http/client-address.mjs";
import { installGracefulShutdown, shutdownGraceMs } from "./graceful.mjs";
import { useStandaloneConfig } from "./standalone-config.mjs";

const root = new URL("..", import.meta.url).pathname;
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
let trustedProxies;
let graceMs;
try {
  trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  graceMs = shutdownGraceMs();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

// Before the app starts, so its hooks (server/lifecycle.ts) find the signals taken.
const server = http.createServer();
installGracefulShutdown(server, graceMs);
useStandaloneConfig(root);
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (req, res) => {
  pinForwardedFor(req, trustedProxies);
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`  ▲ listening on http://${hostname ?? "localhost"}:${port}`);
});
