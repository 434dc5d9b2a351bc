import "server-only";
// Request bodies are read counting bytes as they arrive: past the limit the read stops and the
// stream is cancelled, so a 150 MB POST costs at most the limit in memory, never the whole body.
// One limit for tRPC, REST and MCP; a declared Content-Length over it is refused before reading.
import { AppError } from "@/server/errors";

/** The largest request body any API surface reads (a 10 MiB template, JSON-encoded, fits). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const tooLarge = (max: number) => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than the limit of ${max} bytes`);

export async function readBodyLimited(req: Request, max = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > max) {
    await req.body?.cancel().catch(() => {});
    throw tooLarge(max);
  }
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export const readTextLimited = async (req: Request, max = MAX_BODY_BYTES) => new TextDecoder().decode(await readBodyLimited(req, max));
