import "server-only";
// OpenTelemetry tracing: a span per HTTP request, procedure, database query, workflow run and step,
// and outgoing call; W3C trace context carried into webhook deliveries and workflow events, so a
// task's whole path is one trace. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (exported over
// OTLP/HTTP) or a test installs an exporter; when off, the API's no-op tracer costs next to nothing.
import { context, INVALID_SPAN_CONTEXT, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { traceQueries } from "@/db/tracing";

const g = globalThis as unknown as { __cmpTracing?: NodeTracerProvider };

const tracer = () => trace.getTracer("cloud-mcp");

/** Whether spans are recorded (a provider is installed). */
export const tracingEnabled = () => Boolean(g.__cmpTracing);

/**
 * Installs the tracer provider: OTLP/HTTP to `endpoint` (batched), or `exporter` as given (tests,
 * one span at a time). Idempotent; returns a function that flushes and removes it.
 */
export function startTracing(opts: { endpoint?: string; exporter?: SpanExporter; serviceName?: string }): () => Promise<void> {
  if (!g.__cmpTracing) {
    const processor = opts.exporter ? new SimpleSpanProcessor(opts.exporter) : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.endpoint!.replace(/\/+$/, "")}/v1/traces` }));
    const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName ?? "cloud-mcp" }), spanProcessors: [processor] });
    provider.register(); // AsyncLocalStorage context and the W3C trace-context propagator
    traceQueries();
    g.__cmpTracing = provider;
  }
  const provider = g.__cmpTracing;
  return async () => {
    await provider.forceFlush();
  };
}

/** Runs `fn` inside a span that records its error and ends with it. */
export function withSpan<T>(name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  if (!g.__cmpTracing) return fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String((err as Error)?.message ?? err).slice(0, 200) });
      throw err;
    } finally {
      span.end();
    }
  });
}

const headerGetter = { get: (h: Headers, k: string) => h.get(k) ?? undefined, keys: (h: Headers) => [...h.keys()] };

/** A server span around one HTTP request, continuing the caller's trace when it sent `traceparent`. */
export function traceRequest(surface: string, handler: (req: Request) => Promise<Response>): (req: Request) => Promise<Response> {
  return async (req) => {
    if (!g.__cmpTracing) return handler(req);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers, headerGetter);
    const path = new URL(req.url).pathname;
    return context.with(parent, () =>
      withSpan(`${req.method} ${surface}`, { "http.request.method": req.method, "url.path": path, "cmp.surface": surface }, async (span) => {
        const res = await handler(req);
        span.setAttribute("http.response.status_code", res.status);
        if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        return res;
      }, SpanKind.SERVER),
    );
  };
}

/** The current trace context as W3C headers (`traceparent`, `tracestate`), to send along. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (g.__cmpTracing) propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `fn` with the trace context `carrier` holds (headers or event data) as the parent. */
export function withRemoteParent<T>(carrier: Record<string, unknown> | null | undefined, fn: () => Promise<T>): Promise<T> {
  if (!g.__cmpTracing || !carrier || typeof carrier.traceparent !== "string") return fn();
  return context.with(propagation.extract(ROOT_CONTEXT, carrier), fn);
}
