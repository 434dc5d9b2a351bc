import "server-only";
// Pre-registered first-party clients: public (PKCE) clients whose redirect is a loopback port
// (RFC 8252 §7.3: any port matches), for the platform's own CLI and local tools.
import type { ClientMetadata } from "oidc-provider";

export function firstPartyClients(): ClientMetadata[] {
  return [
    {
      client_id: "cloud-mcp-cli",
      client_name: "Cloud MCP CLI",
      application_type: "native",
      redirect_uris: ["http://127.0.0.1/callback", "http://[::1]/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    },
  ];
}
