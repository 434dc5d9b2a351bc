import "server-only";
// The in-process accumulator: a call adds to a counter in memory (no I/O, no await), and the
// counters are written as one batch every `intervalMs`, when `maxEvents` have gathered, and at
// shutdown. A batch that fails to write keeps its id and is retried as it is, so a batch whose
// commit did happen is skipped by applyBatch rather than counted twice.
import { randomUUID } from "node:crypto";
import { type MeterBatch, type MeterRow, rowKey } from "./counters";

export interface MeterEvent {
  orgId: string;
  apiKeyId: string | null;
  surface: string;
  metric?: string;
  n?: number;
  at?: Date;
}

export interface MeterOptions {
  intervalMs?: number;
  maxEvents?: number;
  onError?: (err: unknown) => void;
}

export const utcDay = (at = new Date()) => at.toISOString().slice(0, 10);

export class Meter {
  private pending = new Map<string, MeterRow>();
  private events = 0;
  /** Taken from `pending`, not yet known to be written: retried first, in order, with their ids. */
  private unsent: MeterBatch[] = [];
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writeThrough = false;
  private readonly intervalMs: number;
  private readonly maxEvents: number;

  constructor(
    private readonly write: (batch: MeterBatch) => Promise<unknown>,
    private readonly opts: MeterOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.maxEvents = opts.maxEvents ?? 5000;
  }

  /** Counts an event. Synchronous: the caller never waits for the database. */
  record(e: MeterEvent): void {
    const row = { orgId: e.orgId, day: utcDay(e.at), apiKeyId: e.apiKeyId, surface: e.surface, metric: e.metric ?? "calls" };
    const key = rowKey(row);
    const n = e.n ?? 1;
    const have = this.pending.get(key);
    if (have) have.value += n;
    else this.pending.set(key, { ...row, value: n });
    this.events += n;
    if (this.writeThrough || this.events >= this.maxEvents) void this.flush();
    else this.arm();
  }

  /** Events counted and not yet written. */
  pendingEvents(): number {
    return this.events + this.unsent.reduce((s, b) => s + b.events, 0);
  }

  /** Writes everything counted so far (after any write in progress); resolves when written or failed. */
  flush(): Promise<void> {
    // While a write runs, every caller shares one follow-up write: many calls past maxEvents
    // during a slow write cost one promise, not one waiter each.
    if (this.running) {
      this.next ??= this.running.then(() => {
        this.next = null;
        return this.flush();
      });
      return this.next;
    }
    this.running = this.writeAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** At shutdown: write what is pending, and from now on write each event as it comes (in-flight requests still finish). */
  drain(): Promise<void> {
    this.writeThrough = true;
    return this.flush();
  }

  /** Stops the timer (tests, benches); pending events stay until the next flush. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private async writeAll() {
    if (this.pending.size) {
      this.unsent.push({ id: randomUUID(), events: this.events, rows: [...this.pending.values()] });
      this.pending = new Map();
      this.events = 0;
    }
    while (this.unsent.length) {
      try {
        await this.write(this.unsent[0]!);
        this.unsent.shift();
      } catch (err) {
        this.opts.onError?.(err);
        this.arm(); // try again later, the same batch
        return;
      }
    }
  }
}
