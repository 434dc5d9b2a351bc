// News of a generation's change wakes its followers in this process at once; a follower whose
// generation does not change wakes at its timeout, and other generations' news does not wake it.
import { describe, expect, it } from "vitest";
import { generationChanged, nextChange } from "./changes";

describe("generation changes", () => {
  it("wake the followers of that generation only", async () => {
    const woken: string[] = [];
    const a = nextChange("a", 60_000).then(() => woken.push("a"));
    const b = nextChange("b", 50).then(() => woken.push("b"));
    generationChanged("c");
    generationChanged("a");
    await a;
    expect(woken).toEqual(["a"]);
    await b;
    expect(woken).toEqual(["a", "b"]);
  });
});
