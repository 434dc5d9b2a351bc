// Only for the dashboard's signed-in pages: passes the requested path and query on to the layout
// (which cannot see it), so a signed-out visitor is sent to sign in and then back where they were
// going. API routes never pass through here.
import { type NextRequest, NextResponse } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/server/http/requested-path";

export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set(REQUESTED_PATH_HEADER, `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/tasks/:path*", "/agents/:path*", "/automations/:path*", "/generations/:path*", "/marketplace/:path*", "/runs/:path*", "/settings/:path*", "/templates/:path*", "/usage/:path*"],
};
