// A span per database query, for both drivers: every drizzle query (PGlite and postgres.js alike)
// passes through PgPreparedQuery.queryWithCache, so wrapping it once covers them all. Installed only
// when tracing is on (server/adapters/tracing), so the hot path pays nothing otherwise. The span
// carries the statement's text — never its parameters, which may hold secrets or personal data.
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { PgPreparedQuery } from "drizzle-orm/pg-core";

let installed = false;

export function traceQueries(): void {
  if (installed) return;
  installed = true;
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: (q: string, params: unknown[], run: () => Promise<unknown>) => Promise<unknown> };
  const original = proto.queryWithCache;
  const tracer = trace.getTracer("cloud-mcp.db");
  proto.queryWithCache = function (this: unknown, queryString, params, run) {
    const operation = /^\s*(\w+)/.exec(queryString)?.[1]?.toUpperCase() ?? "QUERY";
    return tracer.startActiveSpan(`db ${operation}`, { kind: SpanKind.CLIENT, attributes: { "db.system.name": "postgresql", "db.operation.name": operation, "db.query.text": queryString.slice(0, 2_000) } }, async (span) => {
      try {
        return await original.call(this, queryString, params, run);
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message?.slice(0, 200) });
        throw err;
      } finally {
        span.end();
      }
    });
  };
}
