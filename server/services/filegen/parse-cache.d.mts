export function versionCache(key: string, sourceChars: number): Map<string, unknown>;
export function cachedParse<T>(cache: Map<string, unknown> | undefined, slot: string, source: string, parse: (source: string) => T): T;
export function cachedVersions(): number;
