import "server-only";
// Which addresses the platform may connect to on a user's behalf: decided on the parsed address
// bytes (ipaddr.js, whatever the literal's spelling), allowing only global unicast.
import ipaddr from "ipaddr.js";

/** True only for a global unicast address; every special range (and any unparsable input) is refused. */
export function isPublicAddress(literal: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(literal.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return false;
  }
  if (addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address itself.
    if (v6.isIPv4MappedAddress()) return isPublicAddress(v6.toIPv4Address().toString());
    // IPv4-compatible (::a.b.c.d, deprecated) and the rest of ::/96: never public.
    if (v6.parts.slice(0, 6).every((p) => p === 0)) return false;
  }
  // IPv6 ranges ipaddr.js names besides unicast include rfc6052 (NAT64 64:ff9b::/96), 6to4, teredo,
  // uniqueLocal, linkLocal, multicast, reserved (documentation); IPv4: private, loopback,
  // carrierGradeNat, linkLocal, broadcast, multicast, reserved (benchmarking, documentation), unspecified.
  return addr.range() === "unicast";
}
