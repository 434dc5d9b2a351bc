import "server-only";
// In-process: the embedded PGlite database lives in this process, so its NOTIFY reaches exactly
// this process's listeners (one instance; nothing crosses machines).
import type { PGlite } from "@electric-sql/pglite";
import type { NotifyTransport } from "./types";

export const pgliteTransport = (pg: PGlite): NotifyTransport => ({
  async listen(channel, onPayload) {
    await pg.listen(channel, onPayload);
  },
});
