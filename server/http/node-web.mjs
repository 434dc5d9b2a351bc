// Between node:http and the Web Fetch API, for the lean path in scripts/serve.mjs: an incoming
// message becomes a `Request` (its body streamed, aborted when the client goes away), and a
// `Response` is written back chunk by chunk with backpressure, so SSE streams flush as they go.
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";

/** Bodies up to this size (declared by Content-Length) are read whole before the Request is made. */
const SMALL_BODY = 64 * 1024;

/** The request's body, read whole when it is small and its length declared; else null. */
export async function smallBody(req) {
  const declared = Number(req.headers["content-length"]);
  if (req.method === "GET" || req.method === "HEAD" || !Number.isInteger(declared) || declared > SMALL_BODY || req.headers["transfer-encoding"]) return null;
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * The Request for an incoming message; `origin` is the server's own (the Host is not trusted for
 * it). `body`, when given, is the message's whole body (see smallBody): an agent's call is a
 * small JSON document, and a buffer costs far less to hand over than a stream.
 */
export function toWebRequest(req, res, origin, body = null) {
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
    body: hasBody ? (body ?? Readable.toWeb(req)) : null,
    duplex: hasBody && !body ? "half" : undefined,
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
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("application/json") && !response.headers.has("content-length")) {
    // A JSON answer is complete when it is returned: one write, with its length, not chunks.
    const buf = Buffer.from(await response.arrayBuffer());
    res.setHeader("content-length", buf.byteLength);
    res.end(buf);
    return;
  }
  if (type.includes("text/event-stream")) res.flushHeaders();
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
