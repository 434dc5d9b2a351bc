import "server-only";

/** The one resource (RFC 8707) this platform's OAuth tokens are issued for: its MCP endpoint. */
export const mcpResource = (issuer: string) => `${issuer.replace(/\/+$/, "")}/api/mcp`;
