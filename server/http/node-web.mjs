// Between node:http and the Web Fetch API, for the lean path in scripts/serve.mjs: an incoming
// message becomes a `Request` (its body streamed, aborted when the client goes away), and a
// `Response` is written back chunk by chunk with backpressure, so SSE streams flush as they go.
import { Readable } from "node:stream";

/** The Request for an incoming message; `origin` is the server's own (the Host is not trusted for it). */
export function toWebRequest(req, res, origin) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    if (name.startsWith(":")) continue;
    headers.append(name, req.rawHeaders[i + 1]);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url, origin), {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : null,
    duplex: hasBody ? "half" : undefined,
    signal: controller.signal,
  });
}

/** Writes a Response to a ServerResponse; resolves when it is sent or the client left. */
export async function sendWebResponse(res, response) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  if ((response.headers.get("content-type") ?? "").includes("text/event-stream")) res.flushHeaders();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) await new Promise((r) => res.once("drain", r).once("close", r));
    }
  } finally {
    if (res.destroyed) await reader.cancel().catch(() => {});
    res.end();
  }
}
