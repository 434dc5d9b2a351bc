// Printing: a table for people, or JSON with --json for scripts.

export class CliError extends Error {}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.join(",");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** A column's header: `createdAt` → `CREATED AT`. */
export const header = (column: string) => column.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toUpperCase();

export function printTable(rows: Record<string, unknown>[], columns: string[]) {
  if (!rows.length) {
    process.stdout.write("(none)\n");
    return;
  }
  const heads = columns.map(header);
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = heads.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((row) => row[i]!.length))));
  const line = (vals: string[]) => vals.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join("  ").trimEnd();
  process.stdout.write(`${line(heads)}\n${cells.map(line).join("\n")}\n`);
}

export function printRecord(record: Record<string, unknown>) {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  for (const [k, v] of Object.entries(record)) process.stdout.write(`${k.padEnd(width)}  ${cell(v)}\n`);
}
