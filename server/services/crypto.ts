import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const sha256Hex = (value: string | Uint8Array) => createHash("sha256").update(value).digest("hex");

/** URL-safe random string of `bytes` random bytes. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
