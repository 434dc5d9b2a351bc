import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localStorage } from "./local";
import { signToken, verifyToken } from "./signed";
import type { BlobStorage } from "./types";
import { vercelBlobStorage } from "./vercel-blob";

/** A local stand-in of Vercel Blob's HTTP API (put, head, delete, download), since the service is out of reach. */
function blobStandIn(): Promise<{ url: string; server: Server }> {
  const blobs = new Map<string, { body: Buffer; contentType: string }>();
  let base = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", base);
      const json = (status: number, v: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(v));
      if (url.pathname.startsWith("/files/")) {
        const b = blobs.get(decodeURIComponent(url.pathname.slice("/files/".length)));
        return b ? res.writeHead(200, { "content-type": b.contentType }).end(b.body) : res.writeHead(404).end();
      }
      if (req.headers.authorization !== "Bearer vercel_blob_rw_teststore_secret") return json(403, { error: { code: "forbidden", message: "bad token" } });
      if (req.method === "PUT") {
        const pathname = url.searchParams.get("pathname")!;
        blobs.set(pathname, { body: Buffer.concat(chunks), contentType: String(req.headers["x-content-type"] ?? "application/octet-stream") });
        const blobUrl = `${base}/files/${encodeURIComponent(pathname)}`;
        return json(200, { url: blobUrl, downloadUrl: `${blobUrl}?download=1`, pathname, contentType: "application/octet-stream", contentDisposition: "inline", etag: "e" });
      }
      if (req.method === "POST" && url.pathname === "/delete") {
        for (const u of JSON.parse(Buffer.concat(chunks).toString()).urls as string[]) blobs.delete(decodeURIComponent(new URL(u).pathname.slice("/files/".length)));
        return json(200, {});
      }
      if (req.method === "GET") {
        const target = url.searchParams.get("url")!;
        const pathname = target.startsWith("http") ? decodeURIComponent(new URL(target).pathname.slice("/files/".length)) : target;
        const b = blobs.get(pathname);
        if (!b) return json(404, { error: { code: "not_found", message: "The requested blob does not exist" } });
        const blobUrl = `${base}/files/${encodeURIComponent(pathname)}`;
        return json(200, { url: blobUrl, downloadUrl: blobUrl, pathname, size: b.body.length, uploadedAt: new Date().toISOString(), contentType: b.contentType, contentDisposition: "inline", cacheControl: "public", etag: "e" });
      }
      json(400, { error: { code: "bad_request", message: "unexpected" } });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ url: base, server });
    }),
  );
}

let standIn: { url: string; server: Server };
const adapters: Record<string, () => Promise<BlobStorage>> = {
  local: async () => localStorage(await mkdtemp(path.join(tmpdir(), "blobs-"))),
  "vercel-blob": async () => vercelBlobStorage({ token: "vercel_blob_rw_teststore_secret" }),
};

beforeAll(async () => {
  standIn = await blobStandIn();
  process.env.VERCEL_BLOB_API_URL = standIn.url;
  process.env.VERCEL_BLOB_RETRIES = "0";
});
afterAll(() => standIn.server.close());

describe.each(Object.keys(adapters))("%s storage", (kind) => {
  it("puts, gets, checks and deletes", async () => {
    const s = await adapters[kind]!();
    expect(await s.get("generations/x/out.zip")).toBeNull();
    await s.put("generations/x/out.zip", new Uint8Array([1, 2, 3]), "application/zip");
    expect(await s.exists("generations/x/out.zip")).toBe(true);
    expect([...(await s.get("generations/x/out.zip"))!]).toEqual([1, 2, 3]);
    await s.put("generations/x/out.zip", new Uint8Array([4]), "application/zip");
    expect([...(await s.get("generations/x/out.zip"))!]).toEqual([4]);
    await s.delete("generations/x/out.zip");
    expect(await s.exists("generations/x/out.zip")).toBe(false);
  });

  it("refuses unsafe keys", async () => {
    const s = await adapters[kind]!();
    await expect(s.put("../escape", new Uint8Array([1]), "text/plain")).rejects.toThrow(/unsafe/);
    await expect(s.get("/abs")).rejects.toThrow(/unsafe/);
  });
});

describe("signed links", () => {
  it("verify until they expire, and not when tampered with", () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const t = signToken({ sub: "g:1:zip", exp }, "s".repeat(32));
    expect(verifyToken(t, "s".repeat(32))).toEqual({ sub: "g:1:zip", exp });
    expect(verifyToken(t, "t".repeat(32))).toBeNull();
    expect(verifyToken(`${t.slice(0, -2)}xx`, "s".repeat(32))).toBeNull();
    expect(verifyToken(t, "s".repeat(32), (exp + 1) * 1000)).toBeNull();
  });
});
