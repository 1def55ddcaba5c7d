/**
 * What every chaos scenario prints: one `CHAOS {json}` line per scenario and exchange, so a run
 * (`npm run chaos`, or the short run inside `npm test`) leaves its figures in the log.
 * CHAOS_LONG=1 runs the long variants (the 1,000-action burst).
 */
export const LONG = process.env['CHAOS_LONG'] === '1';

export function report(figures: Record<string, unknown>): void {
  console.log(`CHAOS ${JSON.stringify(figures)}`);
}

/** The p-th percentile (0-100) of some durations, rounded to the ms. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}
