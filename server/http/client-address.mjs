// Which address a request came from, trusting X-Forwarded-For only from configured proxies.
// Plain JavaScript so that the HTTP entry (scripts/serve.mjs) can use it before Next runs;
// TRUSTED_PROXIES is validated in server/env.ts as well, so a bad value fails the build and start.
import { BlockList, isIP } from "node:net";

/** Parses "10.0.0.0/8, 127.0.0.1, ::1" into a BlockList; throws naming the bad entry. */
export function parseTrustedProxies(value) {
  const list = new BlockList();
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [addr, bits] = entry.split("/");
    const family = isIP(addr ?? "");
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) {
      list.addAddress(addr, type);
    } else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(addr, prefix, type);
    }
  }
  return list;
}

function normalize(ip) {
  if (!ip) return null;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}

function trusted(list, ip) {
  const family = isIP(ip);
  if (!family) return false;
  return list.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then walk
 * X-Forwarded-For from the right past every trusted hop. A header from anyone else is ignored.
 */
export function clientAddress(peer, forwardedFor, list) {
  let ip = normalize(peer);
  if (!ip || !trusted(list, ip) || !forwardedFor) return ip;
  const hops = forwardedFor.split(",").map((h) => normalize(h.trim())).filter(Boolean);
  while (hops.length) {
    const hop = hops.pop();
    if (!isIP(hop)) return ip; // garbage in the chain: stop at the last good address
    ip = hop;
    if (!trusted(list, hop)) return hop;
  }
  return ip;
}

/** What scripts/serve.mjs does to every request before Next sees it (node:http IncomingMessage). */
export function pinForwardedFor(req, list) {
  const ip = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]?.toString(), list);
  delete req.headers["x-real-ip"];
  if (ip) req.headers["x-forwarded-for"] = ip;
  else delete req.headers["x-forwarded-for"];
}
