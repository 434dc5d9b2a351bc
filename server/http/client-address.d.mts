import type { BlockList } from "node:net";
export function parseTrustedProxies(value: string | undefined | null): BlockList;
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, list: BlockList): string | null;
export function pinForwardedFor(req: import("node:http").IncomingMessage, list: BlockList): void;
