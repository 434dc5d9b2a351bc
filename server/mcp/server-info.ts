import "server-only";
// How the server introduces itself in `initialize` (MCP 2025-11-25 Implementation: title, icons,
// website): clients show it in their server lists and approval prompts.
import type { Implementation } from "@modelcontextprotocol/sdk/types.js";
import { appUrl, env } from "@/server/env";

/** The dashboard's mark (an indigo tile with three boxes), inline so it needs no public file or fetch. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4f46e5"/>' +
  '<g fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"><rect x="14" y="30" width="16" height="16" rx="2"/>' +
  '<rect x="34" y="30" width="16" height="16" rx="2"/><rect x="24" y="12" width="16" height="16" rx="2"/></g></svg>';

export const serverIcon = { src: `data:image/svg+xml;base64,${Buffer.from(ICON_SVG).toString("base64")}`, mimeType: "image/svg+xml", sizes: ["any"] };

export const mcpServerInfo: Implementation = {
  name: "cloud-mcp-platform",
  title: "Cloud MCP Platform",
  version: "0.1.0",
  description: "Tasks for AI agents, file templates and generated projects, in your organization.",
  websiteUrl: appUrl(env),
  icons: [serverIcon],
};
