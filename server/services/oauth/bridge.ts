import "server-only";
// oidc-provider is a Koa application that wants Node's request and response objects; Next route
// handlers have web Requests. The provider listens on a loopback port of this process and each
// route handler forwards its request there (redirects and cookies passed back untouched), with
// X-Forwarded-Host/Proto set to the issuer's so every URL it builds is the public one.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type Provider from "oidc-provider";

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "content-length", "host"];

export class ProviderBridge {
  private server: Server | null = null;
  private port: Promise<number> | null = null;

  constructor(
    private readonly provider: Provider,
    private readonly issuer: URL,
  ) {}

  private listen(): Promise<number> {
    return (this.port ??= new Promise((resolve, reject) => {
      const server = createServer(this.provider.callback());
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
      server.unref();
      this.server = server;
    }));
  }

  /** Serves `req` with the provider; `path` overrides the request's path (discovery aliases). */
  async handle(req: Request, path?: string): Promise<Response> {
    const port = await this.listen();
    const url = new URL(req.url);
    const headers = new Headers(req.headers);
    for (const h of HOP_BY_HOP) headers.delete(h);
    headers.set("x-forwarded-host", this.issuer.host);
    headers.set("x-forwarded-proto", this.issuer.protocol.replace(":", ""));
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const res = await fetch(`http://127.0.0.1:${port}${path ?? url.pathname}${url.search}`, {
      method: req.method,
      headers,
      body: hasBody ? await req.arrayBuffer() : undefined,
      redirect: "manual",
    });
    const out = new Headers();
    res.headers.forEach((v, k) => {
      if (k !== "set-cookie" && !HOP_BY_HOP.includes(k)) out.set(k, v);
    });
    for (const c of res.headers.getSetCookie()) out.append("set-cookie", c);
    const body = req.method === "HEAD" || res.status === 204 || res.status === 304 ? null : await res.arrayBuffer();
    return new Response(body, { status: res.status, headers: out });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
