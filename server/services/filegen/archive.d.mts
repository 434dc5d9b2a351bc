/** A file compressed for an archive (deflate level 6, its CRC-32 and size). */
export interface ZipEntry {
  path: string;
  size: number;
  crc: number;
  data: Uint8Array;
}
export function zipEntry(path: string, bytes: Uint8Array): ZipEntry;
export function zipWriter(): { add(path: string, bytes: Uint8Array): void; addEntry(entry: ZipEntry): void; finish(): Uint8Array };
export function zipFiles(files: { path: string; bytes: Uint8Array }[]): Uint8Array;
export function unzipFiles(archive: Uint8Array): Map<string, Uint8Array>;
