import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook } from "@/server/services/tasks/webhook";
import { isPublicAddress } from "./address-policy";
import { safeFetch } from "./safe-fetch";

describe("address policy", () => {
  it.each([
    "127.0.0.1", "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:1", "::ffff:0.0.0.0", "[::1]", "::7f00:1",
    "64:ff9b::7f00:1", "2002:7f00:1::", "100.64.0.1", "198.18.0.1", "192.0.2.1", "198.51.100.1", "203.0.113.1",
    "2001:db8::1", "fe80::1", "fc00::1", "ff02::1", "255.255.255.255", "224.0.0.1", "169.254.169.254", "10.0.0.1",
    "192.168.1.1", "172.16.0.1", "0.0.0.0", "::", "not-an-ip",
  ])("refuses %s", (a) => expect(isPublicAddress(a)).toBe(false));
  it.each(["8.8.8.8", "2606:4700::1", "::ffff:8.8.8.8"])("allows %s", (a) => expect(isPublicAddress(a)).toBe(true));
});

describe("outgoing requests to a loopback listener", () => {
  const received: string[] = [];
  let port = 0;
  const server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    if (req.url === "/redirect") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/internal` }).end();
      return;
    }
    res.end("internal secret body");
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  it("never reaches loopback, whatever the spelling, and says why in its own words", async () => {
    for (const host of ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "[::ffff:0.0.0.0]", "127.0.0.1", "localhost"]) {
      const url = `http://${host}:${port}/hook`;
      await expect(deliverWebhook({ url, secret: "s" }, { task: "x" }, { allowPrivate: false, attempts: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(safeFetch(url, { readBody: true }, { allowPrivate: false })).rejects.toMatchObject({ message: expect.stringContaining("loopback") });
    }
    expect(received).toEqual([]);
  });

  it("does not follow a redirect, and never echoes the remote's body", async () => {
    const err = await safeFetch(`http://127.0.0.1:${port}/redirect`, { readBody: true }, { allowPrivate: true }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/redirect/);
    expect((err as Error).message).not.toContain("internal secret body");
    expect(received).toEqual(["GET /redirect"]);
  });

  it("caps the body it reads", async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/big`, { readBody: true }, { allowPrivate: true, maxBytes: 4 })).rejects.toMatchObject({ message: expect.stringContaining("larger than 4 bytes") });
  });

  it("lets webhook delivery retry a connection failure, but never a refusal", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const deadPort = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(deliverWebhook({ url: `http://127.0.0.1:${deadPort}/hook`, secret: "s" }, { task: "x" }, { allowPrivate: true, attempts: 3, backoffMs: 1 })).rejects.toThrow(/failed after 3 attempts: .*could not connect/);
  });

  it("imports no agent card from a page that is not JSON, and does not quote the page", async () => {
    const { createTestDb } = await import("@/db/testing");
    const { makeOrg } = await import("@/server/trpc/testing");
    const { importAgentCard } = await import("@/server/services/tasks/agent-card");
    const h = await createTestDb("pglite");
    try {
      const { org, owner } = await makeOrg(h.db, "Cards");
      const ctx = { db: h.db, orgId: org.id, actor: { type: "user" as const, userId: owner.id, label: "t" }, role: "owner" as const };
      const err = await importAgentCard(ctx, { url: `http://127.0.0.1:${port}/card.json`, allowPrivateUrls: true }).catch((e: Error) => e);
      expect(err).toMatchObject({ code: "BAD_REQUEST", message: "url: could not read an agent card there (the reply is not JSON)" });
    } finally {
      await h.close();
    }
  });
});
