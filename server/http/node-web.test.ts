// The lean path's bridge between node:http and Fetch: bodies stream both ways, headers (several
// Set-Cookie too) survive, an SSE response flushes each event as it is written, and a client
// that goes away aborts the Request's signal.
import { createServer, request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebResponse, smallBody, toWebRequest } from "./node-web.mjs";

let port = 0;
let aborted = 0;
let bufferedBodies = 0;
const server = createServer(async (req, res) => {
  if (req.url?.startsWith("/json")) {
    const body = await smallBody(req);
    if (body) bufferedBodies++;
    const r = toWebRequest(req, res, "http://127.0.0.1", body);
    return sendWebResponse(res, Response.json({ bytes: (await r.text()).length }));
  }
  const r = toWebRequest(req, res, "http://127.0.0.1");
  r.signal.addEventListener("abort", () => aborted++);
  void (async () => {
    const url = new URL(r.url);
    if (url.pathname === "/echo") {
      const headers = new Headers({ "content-type": "text/plain" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return sendWebResponse(res, new Response(`${r.method} ${url.search} ${r.headers.get("x-test")} ${await r.text()}`, { status: 201, headers }));
    }
    // /sse: one event now, one after the client has had time to read the first
    let timer: NodeJS.Timeout;
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("data: first\n\n"));
        timer = setTimeout(() => {
          c.enqueue(new TextEncoder().encode("data: second\n\n"));
          c.close();
        }, 300);
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return sendWebResponse(res, new Response(body, { headers: { "content-type": "text/event-stream" } }));
  })();
});
beforeAll(() => new Promise<void>((r) => server.listen(0, "127.0.0.1", () => ((port = (server.address() as { port: number }).port), r()))));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("node ⇄ fetch bridge", () => {
  it("carries method, query, headers and a body each way", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo?x=1`, { method: "POST", headers: { "x-test": "yes" }, body: "hello" });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("POST ?x=1 yes hello");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("reads a small declared body whole, a large one as a stream, and sends JSON in one piece with its length", async () => {
    const small = await fetch(`http://127.0.0.1:${port}/json`, { method: "POST", body: "x".repeat(100) });
    expect(await small.json()).toEqual({ bytes: 100 });
    expect(small.headers.get("content-length")).toBe(String(JSON.stringify({ bytes: 100 }).length));
    expect(small.headers.get("transfer-encoding")).toBeNull();
    expect(bufferedBodies).toBe(1);
    const large = await fetch(`http://127.0.0.1:${port}/json`, { method: "POST", body: "x".repeat(200_000) });
    expect(await large.json()).toEqual({ bytes: 200_000 });
    expect(bufferedBodies).toBe(1);
  });

  it("flushes an SSE event before the stream ends, and aborts when the client leaves", async () => {
    const first = await new Promise<{ text: string; at: number }>((resolve, reject) => {
      const started = Date.now();
      const req = httpRequest({ port, path: "/sse", host: "127.0.0.1" }, (res) => {
        res.once("data", (chunk: Buffer) => {
          resolve({ text: chunk.toString(), at: Date.now() - started });
          req.destroy();
        });
      });
      req.on("error", reject);
      req.end();
    });
    expect(first.text).toBe("data: first\n\n"); // alone: flushed before the second was written
    await new Promise((r) => setTimeout(r, 100));
    expect(aborted).toBeGreaterThanOrEqual(1);
  });
});
