import "server-only";
// Test plumbing for the OAuth flow: the app's OAuth, discovery and MCP routes served in-process
// through one fetch (as a remote MCP client reaches them over HTTP), and a browser's cookie jar.
import type { Db } from "@/db/client";
import { handleMcpRequest } from "@/server/mcp/http";
import { contextFrom } from "@/server/trpc/context";
import { authorizationServerMetadata, protectedResourceMetadata } from "./metadata";
import type { OAuthServer } from "./server";

export function appFetch(db: Db, oauth: OAuthServer, counter?: { mcp: number }): typeof fetch {
  return async (input, init) => {
    const req = new Request(input instanceof URL ? input.href : (input as string | Request), init);
    const { pathname } = new URL(req.url);
    if (pathname === "/api/mcp") {
      if (counter) counter.mcp++;
      return handleMcpRequest(req, { createContext: (o) => contextFrom({ db, sessionUser: async () => null, oauthResource: oauth.resource }, o) });
    }
    if (pathname === "/.well-known/oauth-protected-resource" || pathname === "/.well-known/oauth-protected-resource/api/mcp") {
      return Response.json(protectedResourceMetadata(oauth));
    }
    if (pathname === "/.well-known/oauth-authorization-server" || pathname === "/.well-known/openid-configuration") {
      return authorizationServerMetadata(oauth, req);
    }
    if (pathname.startsWith("/api/oauth/")) return oauth.handle(req);
    return new Response("not found", { status: 404 });
  };
}

/** A browser: keeps cookies from every response and sends them all back (paths ignored). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  async fetch(f: typeof fetch, url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await f(url, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
    return res;
  }
}
