import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("configuration", () => {
  it("defaults to the embedded mode with nothing set", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PORT).toBe(3000);
    expect(e.DATA_DIR).toBe("./.data");
  });

  it("names the bad variable", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ SEED_API_KEY: "cmp_short" })).toThrow(/SEED_API_KEY/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1" })).toThrow(EnvError);
  });

  it("reads the render pool's per-organization cap, refusing one below 1", () => {
    expect(parseEnv({}).RENDER_PER_ORG).toBeUndefined();
    expect(parseEnv({ RENDER_PER_ORG: "3" }).RENDER_PER_ORG).toBe(3);
    expect(() => parseEnv({ RENDER_PER_ORG: "0" })).toThrow(/RENDER_PER_ORG/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", APP_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
