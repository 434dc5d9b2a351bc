import { afterEach, describe, expect, it, vi } from "vitest";
import { header, printTable } from "./output";

describe("printTable", () => {
  afterEach(() => vi.restoreAllMocks());
  it("spells camelCase columns as words: CREATED AT, not CREATEDAT", () => {
    expect(header("createdAt")).toBe("CREATED AT");
    expect(header("requiredCapabilities")).toBe("REQUIRED CAPABILITIES");
    expect(header("id")).toBe("ID");
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    printTable([{ id: "a1", createdAt: "2026-01-01" }], ["id", "createdAt"]);
    expect(out).toBe("ID  CREATED AT\na1  2026-01-01\n");
  });
});
