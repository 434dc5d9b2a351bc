export function zipWriter(): { add(path: string, bytes: Uint8Array): void; finish(): Uint8Array };
export function zipFiles(files: { path: string; bytes: Uint8Array }[]): Uint8Array;
export function unzipFiles(archive: Uint8Array): Map<string, Uint8Array>;
