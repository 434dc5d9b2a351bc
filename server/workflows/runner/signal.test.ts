// Wake-ups reach a runner subscribed through another copy of the signal module, as when Next's
// server build loads it once for the runner started at boot and again in a route that enqueues.
import { describe, expect, it, vi } from "vitest";

describe("runner wake-ups", () => {
  it("are heard across copies of the module", async () => {
    const first = await import("./signal");
    vi.resetModules();
    const second = await import("./signal");
    expect(second.onWake).not.toBe(first.onWake);
    let woken = 0;
    const off = first.onWake(() => woken++);
    second.wakeRunners();
    expect(woken).toBe(1);
    off();
    second.wakeRunners();
    expect(woken).toBe(1);
  });
});
