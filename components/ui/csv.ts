// CSV for spreadsheet exports (RFC 4180: quoted when a field holds a comma, quote or line break;
// a leading =, +, -, @, tab or CR is prefixed with ' so a spreadsheet never runs a cell as a formula).
export type CsvCell = string | number | null | undefined;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line (no line break). */
export const csvLine = (cells: CsvCell[]) => cells.map(cell).join(",");

/** A whole CSV document: a header line, then the rows, CRLF-terminated. */
export const toCsv = (header: string[], rows: CsvCell[][]) => `${[header, ...rows].map(csvLine).join("\r\n")}\r\n`;

/** Offers `csv` to the browser as a file download. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
