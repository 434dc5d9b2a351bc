"use client";
// A seller's statement: what each sale paid, the platform's fee and the net, the totals, and a CSV
// of the whole statement for the books.
import { useInfiniteQuery } from "@tanstack/react-query";
import { Download, Receipt } from "lucide-react";
import { useState } from "react";
import { errorMessage, useTRPC, useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { downloadCsv, toCsv } from "@/components/ui/csv";
import { FormError } from "@/components/ui/form-error";
import { LoadMore } from "@/components/ui/load-more";
import { LoadingRows } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { Table, Td, Th } from "@/components/ui/table";

/** Columns only wide screens show. */
const wide = "hidden sm:table-cell";

export function EarningsCard() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const statement = useInfiniteQuery(trpc.credits.earnings.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor }));
  const [exporting, setExporting] = useState<string | null>(null);
  const items = statement.data?.pages.flatMap((p) => p.items) ?? [];
  const totals = statement.data?.pages[0]?.totals;

  async function exportCsv() {
    setExporting("Preparing…");
    try {
      const rows: (string | number)[][] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof client.credits.earnings.query>> = await client.credits.earnings.query({ limit: 500, cursor });
        for (const i of page.items) rows.push([i.at.toISOString(), i.sale, i.memo, i.subject ?? "", i.gross, i.fee, i.net]);
        cursor = page.nextCursor;
      } while (cursor);
      downloadCsv(`earnings-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(["date", "sale", "memo", "subject", "gross", "fee", "net"], rows));
      setExporting(null);
    } catch (err) {
      setExporting(errorMessage(err));
    }
  }

  return (
    <Card data-testid="earnings">
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle className="flex items-center gap-2">
          <Receipt className="size-4" aria-hidden /> Earnings
        </CardTitle>
        <Button variant="secondary" size="sm" onClick={exportCsv} disabled={!totals?.sales || exporting === "Preparing…"} data-testid="earnings-csv">
          <Download /> Statement (CSV)
        </Button>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {statement.error ? <FormError message={errorMessage(statement.error)} /> : null}
        {exporting && exporting !== "Preparing…" ? <FormError message={exporting} /> : null}
        {statement.isLoading ? (
          <LoadingRows label="Loading earnings" rows={3} />
        ) : !totals?.sales ? (
          <p className="text-muted-fg">No sales yet. Make an agent or a template public with a price, and each task or generation another organization runs on it pays you its price less the platform&apos;s 10 % fee.</p>
        ) : (
          <>
            <dl className="grid grid-cols-4 gap-2" data-testid="earnings-totals">
              {(
                [
                  ["Sales", totals.sales],
                  ["Gross", totals.gross],
                  ["Fees", totals.fee],
                  ["Net", totals.net],
                ] as const
              ).map(([label, value]) => (
                <div key={label} className="rounded-md bg-muted px-2 py-1.5">
                  <dt className="text-xs text-muted-fg">{label}</dt>
                  <dd className="font-medium tabular-nums">{value.toLocaleString("en")}</dd>
                </div>
              ))}
            </dl>
            <Table>
              <thead>
                <tr>
                  <Th className={wide}>When</Th>
                  <Th>For</Th>
                  <Th className={cn(wide, "text-right")}>Gross</Th>
                  <Th className={cn(wide, "text-right")}>Fee</Th>
                  <Th className="text-right">Net</Th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <Td className={cn(wide, "whitespace-nowrap text-xs text-muted-fg")} title={i.at.toISOString()}>
                      {i.at.toLocaleDateString()}
                    </Td>
                    <Td className="max-w-56 truncate" title={i.memo}>
                      {i.memo}
                      {/* On a phone the date, gross and fee fold into this line, so Net stays on screen. */}
                      <div className="mt-0.5 text-xs text-muted-fg tabular-nums sm:hidden">
                        {i.at.toLocaleDateString()} · {i.gross} − {i.fee} fee
                      </div>
                    </Td>
                    <Td className={cn(wide, "text-right tabular-nums")}>{i.gross}</Td>
                    <Td className={cn(wide, "text-right tabular-nums text-muted-fg")}>−{i.fee}</Td>
                    <Td className="text-right font-medium tabular-nums">{i.net}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <LoadMore query={statement} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
