"use client";
// "3 min ago", with the absolute time on hover; it ticks while the page stays open.
import { useEffect, useState } from "react";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

/** `at` relative to `now`, in words: "just now", "3 min. ago", "in 2 hr.". */
export function relativeTime(at: Date, now = Date.now()): string {
  const seconds = Math.round((at.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size * 0.95) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), "minute");
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
