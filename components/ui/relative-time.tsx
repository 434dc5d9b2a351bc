"use client";
// "3 min ago", with the absolute time on hover; it ticks while the page stays open.
import { useEffect, useState } from "react";

// Each unit is used until the next one reads naturally: "13 days", then "2 weeks".
const units: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", 60, 60],
  ["hour", 3600, 24],
  ["day", 24 * 3600, 14],
  ["week", 7 * 24 * 3600, 8],
  ["month", 30 * 24 * 3600, 12],
  ["year", 365 * 24 * 3600, Infinity],
];
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** `at` relative to `now`, in words: "just now", "3 minutes ago", "in 7 days". */
export function relativeTime(at: Date, now = Date.now()): string {
  const seconds = (at.getTime() - now) / 1000;
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size, upTo] of units) {
    const n = Math.round(seconds / size);
    if (Math.abs(n) < upTo) return rtf.format(n, unit);
  }
  return rtf.format(Math.round(seconds / (365 * 24 * 3600)), "year");
}

export function RelativeTime({ at, className }: { at: Date | string; className?: string }) {
  const date = typeof at === "string" ? new Date(at) : at;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()} className={className} suppressHydrationWarning>
      {relativeTime(date, now)}
    </time>
  );
}
