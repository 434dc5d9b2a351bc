export function zipFiles(files: { path: string; bytes: Uint8Array }[]): Uint8Array;
export function unzipFiles(archive: Uint8Array): Map<string, Uint8Array>;
