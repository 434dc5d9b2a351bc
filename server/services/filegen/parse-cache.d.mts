export function versionCache(key: string, sourceChars: number): Map<string, unknown> | undefined;
export function cachedParse<T>(cache: Map<string, unknown> | undefined, slot: string, source: string, parse: (source: string) => T): T;
export function cachedVersions(): number;
