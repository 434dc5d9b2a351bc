import "server-only";
// For dashboard pages that name a resource in their URL: ask for it on the server first, so a
// missing, foreign or malformed id answers HTTP 404 with the segment's not-found page at once
// instead of a client-side skeleton and an error line.
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

export async function foundOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
}
