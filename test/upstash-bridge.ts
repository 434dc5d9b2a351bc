// A small HTTP bridge that speaks Upstash's REST protocol and forwards to the machine's real
// Redis over RESP, so the Upstash adapters are tested against Redis itself (no emulator exists).
import { createServer, type Server } from "node:http";
import net from "node:net";

type Reply = string | number | null | Reply[] | Error;

function encode(args: (string | number)[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join("")}`;
}

/** Parses one RESP reply from buf at pos; returns [reply, nextPos] or null when incomplete. */
function parse(buf: Buffer, pos: number): [Reply, number] | null {
  const eol = buf.indexOf("\r\n", pos);
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[pos]!);
  const line = buf.toString("utf8", pos + 1, eol);
  const next = eol + 2;
  if (type === "+") return [line, next];
  if (type === "-") return [new Error(line), next];
  if (type === ":") return [Number(line), next];
  if (type === "$") {
    const n = Number(line);
    if (n < 0) return [null, next];
    if (buf.length < next + n + 2) return null;
    return [buf.toString("utf8", next, next + n), next + n + 2];
  }
  if (type === "*") {
    const n = Number(line);
    if (n < 0) return [null, next];
    const items: Reply[] = [];
    let p = next;
    for (let i = 0; i < n; i++) {
      const r = parse(buf, p);
      if (!r) return null;
      items.push(r[0]);
      p = r[1];
    }
    return [items, p];
  }
  throw new Error(`unexpected RESP type ${type}`);
}

class RespClient {
  private buf = Buffer.alloc(0);
  private waiting: ((r: Reply) => void)[] = [];
  constructor(private sock: net.Socket) {
    sock.on("data", (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const r = parse(this.buf, 0);
        if (!r) break;
        this.buf = this.buf.subarray(r[1]);
        this.waiting.shift()?.(r[0]);
      }
    });
  }
  send(args: (string | number)[]): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.sock.write(encode(args));
    });
  }
  close() {
    this.sock.destroy();
  }
}

function toBase64(r: Reply): unknown {
  if (typeof r === "string") return Buffer.from(r).toString("base64");
  if (Array.isArray(r)) return r.map(toBase64);
  return r;
}

export async function startUpstashBridge(opts: { token: string; redisPort?: number; db?: number }): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const sock = net.connect(opts.redisPort ?? 6379, "127.0.0.1");
  await new Promise<void>((res, rej) => sock.once("connect", res).once("error", rej));
  const redis = new RespClient(sock);
  if (opts.db) await redis.send(["SELECT", opts.db]);
  const run = async (cmd: (string | number)[], base64: boolean) => {
    const r = await redis.send(cmd);
    if (r instanceof Error) return { error: r.message };
    return { result: base64 ? toBase64(r) : r };
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      if (req.headers.authorization !== `Bearer ${opts.token}`) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "Unauthorized" }));
        return;
      }
      const base64 = req.headers["upstash-encoding"] === "base64";
      const parsed = JSON.parse(body || "[]") as (string | number)[] | (string | number)[][];
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      let out: unknown;
      if (path === "/pipeline" || path === "/multi-exec") {
        out = await Promise.all((parsed as (string | number)[][]).map((c) => run(c, base64)));
      } else {
        const cmd = path !== "/" ? [...path.slice(1).split("/").map(decodeURIComponent), ...(parsed as (string | number)[])] : (parsed as (string | number)[]);
        out = await run(cmd, base64);
      }
      const status = !Array.isArray(out) && (out as { error?: string }).error ? 400 : 200;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  const addr = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    close: async () => {
      await new Promise<void>((res) => server.close(() => res()));
      redis.close();
    },
  };
}
