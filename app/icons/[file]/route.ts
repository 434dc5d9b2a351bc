// The MCP tool and prompt icons (server/mcp/icons.ts): public, cacheable, one SVG per domain.
import { iconSvg } from "@/server/mcp/icon-svgs";
import { isIconDomain } from "@/server/mcp/icons";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const domain = file.endsWith(".svg") ? file.slice(0, -4) : "";
  if (!isIconDomain(domain)) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(iconSvg(domain), {
    headers: {
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=86400",
      // An SVG opened on its own runs nothing: no scripts, no fetches.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff",
    },
  });
}
