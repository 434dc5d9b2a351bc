import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, pinForwardedFor } from "./client-address.mjs";

describe("client address", () => {
  const gateway = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", gateway)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.2.3.4", gateway)).toBe("203.0.113.9");
    // With nothing trusted (the default), every rotated header maps to the one socket address.
    const none = parseTrustedProxies(undefined);
    expect(new Set(["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((h) => clientAddress("127.0.0.1", h, none)))).toEqual(new Set(["127.0.0.1"]));
  });

  it("walks the chain from the right past trusted hops only", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.7", gateway)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", gateway)).toBe("198.51.100.7");
    expect(clientAddress("::1", "garbage, 10.0.0.5", gateway)).toBe("10.0.0.5");
    expect(clientAddress("127.0.0.1", undefined, gateway)).toBe("127.0.0.1");
  });

  it("refuses a bad TRUSTED_PROXIES entry by name", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/10.0.0.0\/33/);
    expect(() => parseTrustedProxies("gateway.local")).toThrow(/gateway.local/);
  });
});

describe("the HTTP entry's header pinning", () => {
  async function seenBy(list: ReturnType<typeof parseTrustedProxies>, headers: Record<string, string>) {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      pinForwardedFor(req, list);
      res.end(JSON.stringify({ xff: req.headers["x-forwarded-for"] ?? null, real: req.headers["x-real-ip"] ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as { port: number };
      return await (await fetch(`http://127.0.0.1:${port}/`, { headers })).json();
    } finally {
      server.close();
    }
  }

  it("replaces a spoofed X-Forwarded-For with the socket address", async () => {
    expect(await seenBy(parseTrustedProxies(""), { "x-forwarded-for": "9.9.9.9", "x-real-ip": "8.8.8.8" })).toEqual({ xff: "127.0.0.1", real: null });
  });

  it("keeps the client's address from a trusted gateway", async () => {
    expect(await seenBy(parseTrustedProxies("127.0.0.1"), { "x-forwarded-for": "9.9.9.9" })).toEqual({ xff: "9.9.9.9", real: null });
  });
});
