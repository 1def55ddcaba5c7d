import { startSimulators } from '../src/main/sim';

// Memory of a demo start (issue 18): both simulators as demo mode starts them (every market,
// synthetic traders running), 15 s of trading, then 400 candles at 1m/1h/1d/1M on every market
// as charts would ask. Run alone, with gc exposed, so the heap figure is the live set:
//   node --expose-gc --import tsx bench/sim-memory.ts [compact]
// Prints `RESULT {json}`.

const compact = process.argv[2] === 'compact';
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function main(): Promise<void> {
  const before = process.memoryUsage();
  const started = performance.now();
  const sims = await startSimulators(compact ? { cryptocom: { markets: 'compact' } } : {});
  const startMs = Math.round(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const now = Math.floor(Date.now() / 1000);
  for (const sim of [sims.icrypex.sim, sims.cryptocom.sim]) {
    for (const market of sim.engine.listMarkets()) {
      for (const period of [60, 3600, 86_400, 2_592_000]) sim.engine.candles(market.symbol, period, now - 400 * period, now);
    }
  }
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  const markets = { icrypex: sims.icrypex.sim.engine.listMarkets().length, cryptocom: sims.cryptocom.sim.engine.listMarkets().length };
  console.log(`RESULT ${JSON.stringify({ name: 'sim-memory', markets, startMs, rssMB: mb(after.rss), heapUsedMB: mb(after.heapUsed), rssGrowthMB: mb(after.rss - before.rss), heapGrowthMB: mb(after.heapUsed - before.heapUsed) })}`);
  await sims.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
