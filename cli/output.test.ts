import { afterEach, describe, expect, it, vi } from "vitest";
import { describeClientError, TRPCClientError } from "../sdk/index";
import { waitingFor } from "./commands/tasks";
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

describe("messages", () => {
  const clientError = (message: string, fields: { path: string; message: string }[]) => Object.assign(new TRPCClientError(message), { data: { code: "BAD_REQUEST", fields } });
  it("says a field error once, and adds only the fields the message leaves out", () => {
    expect(describeClientError(clientError("id: id must be a UUID", [{ path: "id", message: "id must be a UUID" }]))).toBe("BAD_REQUEST: id: id must be a UUID");
    expect(describeClientError(clientError("title: title is required", [{ path: "title", message: "title is required" }, { path: "priority", message: "unknown priority" }]))).toBe(
      "BAD_REQUEST: title: title is required (priority: unknown priority)",
    );
  });
  it("says why a task that has not started is waiting (tasks create --wait)", () => {
    const base = { blockedReason: null, match: null, requiredCapabilities: ["code:review"] };
    expect(waitingFor({ ...base, status: "queued" })).toBe("waiting for an agent offering code:review");
    expect(waitingFor({ ...base, status: "queued", match: { reasons: ["no online agent offers code:review"], missing: ["code:review"], at: new Date() } as never })).toBe("no online agent offers code:review");
    expect(waitingFor({ ...base, status: "blocked", blockedReason: "waits for Build (running)" })).toBe("waits for Build (running)");
    expect(waitingFor({ ...base, status: "running" })).toBe("");
  });
});
