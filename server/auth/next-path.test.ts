import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("the path to return to after sign-in", () => {
  it.each(["/tasks/3f1c", "/templates?query=ci#top", "/settings/keys"])("keeps the same-origin path %s", (p) => {
    expect(safeNextPath(p)).toBe(p);
  });

  it.each([
    "/\\evil.example/x",
    "//evil.example/x",
    "/%2Fevil.example",
    "/%5Cevil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "evil.example",
    "javascript:alert(1)",
    "/%E0%A4%A",
    "",
    null,
  ])("refuses %s", (p) => {
    expect(safeNextPath(p)).toBe("/tasks");
  });
});
