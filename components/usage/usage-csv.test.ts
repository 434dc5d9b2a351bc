import { describe, expect, it } from "vitest";
import { usageCsv, type UsageSummary } from "./usage-csv";

const day = (date: string, calls: number) => ({ date, calls, errors: 0, callsBySurface: { mcp: calls, rest: 0, trpc: 0 }, tasksCreated: 1, tasksSucceeded: 0, tasksFailed: 0, generations: 0, bytesGenerated: 0, workflowRuns: 0, creditsSpent: 3 });

describe("usage CSV", () => {
  it("has a row per day and per key, quoting commas and defusing formulas", () => {
    const u = { from: "2026-01-01", to: "2026-01-02", days: [day("2026-01-01", 2), day("2026-01-02", 5)], keys: [{ apiKeyId: "k1", name: '=cmd,"x"', calls: 7, errors: 1, bySurface: { mcp: 7, rest: 0, trpc: 0 } }] } as unknown as UsageSummary;
    const lines = usageCsv(u).split("\r\n");
    expect(lines[0]).toMatch(/^date,calls,mcp_calls/);
    expect(lines[1]).toBe("2026-01-01,2,2,0,0,0,1,0,0,0,0,0,3");
    expect(lines[2]).toBe("2026-01-02,5,5,0,0,0,1,0,0,0,0,0,3");
    expect(lines[3]).toBe("");
    expect(lines[5]).toBe(`k1,"'=cmd,""x""",7,7,0,0,1`);
  });
});
