// ZIP archives written file by file and read back: the same files give the same bytes in any
// order of adding, and every path comes back, `__proto__` included, with its exact bytes.
import { describe, expect, it } from "vitest";
import { unzipFiles, zipFiles } from "./archive.mjs";

const files = [
  { path: "src/__proto__", bytes: Buffer.from("not a prototype") },
  { path: "__proto__", bytes: Buffer.from("top") },
  { path: "big.txt", bytes: Buffer.from("line\n".repeat(200_000)) },
  { path: "empty", bytes: new Uint8Array() },
];

describe("archive", () => {
  it("round-trips every file, whatever its name", () => {
    const back = unzipFiles(zipFiles(files));
    expect([...back.keys()]).toEqual(["__proto__", "big.txt", "empty", "src/__proto__"]);
    for (const f of files) expect(Buffer.compare(Buffer.from(back.get(f.path)!), Buffer.from(f.bytes))).toBe(0);
  });

  it("writes the same bytes for the same files added in another order", () => {
    expect(Buffer.compare(Buffer.from(zipFiles(files)), Buffer.from(zipFiles([...files].reverse())))).toBe(0);
  });
});
