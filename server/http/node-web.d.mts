import type { IncomingMessage, ServerResponse } from "node:http";

export function smallBody(req: IncomingMessage): Promise<Buffer | null>;
export function toWebRequest(req: IncomingMessage, res: ServerResponse, origin: string, body?: Buffer | null): Request;
export function sendWebResponse(res: ServerResponse, response: Response): Promise<void>;
