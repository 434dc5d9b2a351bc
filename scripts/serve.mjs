// The production HTTP entry: a node:http server in front of Next's request handler.
// It owns what only the socket knows — the client's address — and rewrites X-Forwarded-For
// to that one address, so nothing behind it can be fooled by a header a client made up
// (the header is honored only from TRUSTED_PROXIES, e.g. the nginx gateway). Agents' API
// requests take the lean path (server/http/lean-path.ts) once the app has installed it.
import http from "node:http";
import next from "next";
import { parseTrustedProxies, pinForwardedFor } from "../server/http/client-address.mjs";
import { sendWebResponse, smallBody, toWebRequest } from "../server/http/node-web.mjs";
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

const origin = `http://${hostname ?? "localhost"}:${port}`;

/** API requests the app's lean path serves (installed once the app has started), or null. */
function leanHandler(req) {
  const lean = globalThis.__cmpLeanPath;
  if (!lean || process.env.LEAN_PATH === "0") return null;
  const q = req.url.indexOf("?");
  return lean(req.method, q === -1 ? req.url : req.url.slice(0, q), req.headers.authorization ?? null);
}

server.on("request", (req, res) => {
  pinForwardedFor(req, trustedProxies);
  const lean = leanHandler(req);
  if (!lean) return handle(req, res);
  smallBody(req)
    .then((body) => lean(toWebRequest(req, res, origin, body)))
    .then((response) => sendWebResponse(res, response))
    .catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"code":"INTERNAL_SERVER_ERROR","message":"Internal error"}}');
      else res.destroy();
    });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`  ▲ listening on http://${hostname ?? "localhost"}:${port}`);
});
