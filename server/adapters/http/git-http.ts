import "server-only";
// isomorphic-git's HTTP client, built on the one SSRF-safe fetcher: every request of a push
// (info/refs, then git-receive-pack) is checked and pinned the same way, redirects are refused,
// and response bodies are capped. isomorphic-git never sees a connection we did not check.
import type { GitHttpRequest, GitHttpResponse, HttpClient } from "isomorphic-git/http/node";
import { safeFetch } from "./safe-fetch";

/** The largest reply read from a Git remote (ref advertisement or push report). */
const MAX_GIT_REPLY_BYTES = 8 * 1024 * 1024;

async function collect(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Uint8Array | undefined> {
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

export function safeGitHttp(opts: { allowPrivate: boolean; field: string; timeoutMs?: number }): HttpClient {
  return {
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      const res = await safeFetch(
        req.url,
        { method: req.method ?? "GET", headers: req.headers, body: await collect(req.body), readBody: true },
        { allowPrivate: opts.allowPrivate, field: opts.field, maxBytes: MAX_GIT_REPLY_BYTES, timeoutMs: opts.timeoutMs ?? 30_000 },
      );
      const body = res.body;
      return {
        url: req.url,
        method: req.method,
        headers: Object.fromEntries(res.headers.entries()),
        statusCode: res.status,
        statusMessage: "",
        body: (async function* () {
          yield new Uint8Array(body);
        })(),
      };
    },
  };
}
