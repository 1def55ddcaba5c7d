import { CliUsageError, parseSimCli, USAGE } from './cli-args';
import { exchangeName } from '../../shared';
import { startSimControl } from './control/server';
import { availableExchanges, simEndpoints, startSimulators } from './index';

// `npm run sim`: every exchange simulator on loopback until killed. With --json, exactly one
// JSON line on stdout once ready (sim-api.md); everything else goes to stderr.

async function main(): Promise<void> {
  let config;
  try {
    config = parseSimCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) {
      if (error.message) console.error(`sim: ${error.message}`);
      console.error(USAGE);
      process.exit(2);
    }
    throw error;
  }
  const skipped = config.accounts.filter((account) => !availableExchanges().includes(account.exchange));
  if (skipped.length) console.error(`sim: ignoring ${skipped.length} account(s) for exchanges this build cannot simulate: ${[...new Set(skipped.map((a) => a.exchange))].join(', ')}`);
  const quirks = config.cryptocom.orderQueryPer100ms === undefined ? undefined : { orderQueryPer100ms: config.cryptocom.orderQueryPer100ms };
  const sims = await startSimulators({
    seed: config.seed,
    accounts: config.accounts,
    bookChangesPerSecond: config.rate,
    ports: config.ports,
    cryptocom: { markets: config.cryptocom.markets, quirks },
  });
  const applyAll = (request: Parameters<typeof sims.fault>[0]) => sims.fault(request);
  const control = await startSimControl({ apply: applyAll, port: config.controlPort });
  // Faults asked for on the command line: once now, or again every period (`@30s`).
  const timers: NodeJS.Timeout[] = [];
  for (const fault of config.faults) {
    for (const line of applyAll(fault.request)) console.error(`sim: fault: ${line}`);
    if (fault.everyMs !== undefined) timers.push(setInterval(() => applyAll(fault.request), fault.everyMs));
  }
  const endpoints = simEndpoints(sims);
  const summary = {
    ...endpoints,
    control: { url: control.url, token: control.token },
    accounts: sims.accounts.map((a) => ({ exchange: a.exchange, apiKey: a.apiKey, apiSecret: a.apiSecret })),
  };
  if (config.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const lines = ['Exchange simulators are running (Ctrl+C to stop). Demo credentials only.', ''];
    const width = Math.max(...availableExchanges().map((e) => exchangeName(e).length), 'Control'.length) + 1;
    for (const exchange of availableExchanges()) {
      lines.push(`${exchangeName(exchange).padEnd(width)} REST ${endpoints[exchange].rest}`, `${''.padEnd(width)} WS   ${endpoints[exchange].ws}`);
    }
    lines.push(`${'Control'.padEnd(width)} ${summary.control.url}/faults   (Authorization: Bearer ${summary.control.token})`);
    lines.push('', 'Accounts:');
    const idWidth = Math.max(...sims.accounts.map((a) => a.exchange.length));
    for (const account of sims.accounts) {
      lines.push(`  ${account.exchange.padEnd(idWidth)} key ${account.apiKey}`, `  ${''.padEnd(idWidth)} secret ${account.apiSecret}`);
      lines.push(`  ${''.padEnd(idWidth)} balances ${Object.entries(account.balances).map(([a, v]) => `${a}=${v}`).join(', ')}`);
    }
    console.log(lines.join('\n'));
  }
  const shutdown = () => {
    for (const timer of timers) clearInterval(timer);
    void Promise.all([control.close(), sims.stop()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('sim: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
