import "server-only";
// Across instances: postgres.js holds one dedicated LISTEN connection per client (reconnecting and
// re-listening by itself), so every instance on the same database hears every committed NOTIFY.
import type postgres from "postgres";
import type { NotifyTransport } from "./types";

export const postgresTransport = (sql: postgres.Sql): NotifyTransport => ({
  async listen(channel, onPayload) {
    await sql.listen(channel, onPayload);
  },
});
