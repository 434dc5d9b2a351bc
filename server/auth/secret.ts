import "server-only";
// The secret that signs sessions and download URLs: AUTH_SECRET, or one generated once into DATA_DIR.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/server/env";

let cached: Promise<string> | undefined;

async function loadOrCreate(): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(env.DATA_DIR, "auth-secret");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: create it below
  }
  await mkdir(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  try {
    await writeFile(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    // another process won the race: use its secret
    return (await readFile(file, "utf8")).trim();
  }
}

export function getSigningSecret(): Promise<string> {
  cached ??= loadOrCreate();
  return cached;
}
