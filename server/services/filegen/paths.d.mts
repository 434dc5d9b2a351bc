export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };
export function checkRenderedPath(raw: string): PathCheck;
