// Rendered paths are normalised and refused when they could escape the output or break a consumer.
// Plain JavaScript: the render worker checks paths with this same copy.
import { Buffer } from "node:buffer";
import { limits } from "./limits.mjs";

/** @param {string} raw @returns {import("./paths.d.mts").PathCheck} */
export function checkRenderedPath(raw) {
  if (raw.includes("\0")) return { ok: false, reason: "contains a NUL byte" };
  if (raw.includes("\\")) return { ok: false, reason: "contains a backslash" };
  const trimmed = raw.trim();
  if (trimmed.startsWith("/") || /^[a-zA-Z]:/.test(trimmed)) return { ok: false, reason: "is absolute" };
  const segments = trimmed.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.some((s) => s === "..")) return { ok: false, reason: "contains '..'" };
  if (segments.length === 0) return { ok: false, reason: "is empty after normalisation" };
  const long = segments.find((s) => Buffer.byteLength(s) > limits.maxSegmentBytes);
  if (long) return { ok: false, reason: `has a segment longer than ${limits.maxSegmentBytes} bytes` };
  const path = segments.join("/");
  if (Buffer.byteLength(path) > limits.maxPathBytes) return { ok: false, reason: `is longer than ${limits.maxPathBytes} bytes` };
  // Any segment, any case: git treats `.GIT` as `.git` on case-insensitive file systems.
  if (segments.some((s) => s.toLowerCase() === ".git")) return { ok: false, reason: "writes inside .git" };
  return { ok: true, path };
}
