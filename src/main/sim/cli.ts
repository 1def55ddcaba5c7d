import { CliUsageError, parseSimCli, USAGE } from './cli-args';
import { exchangeName } from '../../shared';
import { startSimControl } from './control/server';
import { startCdcxSimulator } from './cryptocom-exchange';
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
  // Crypto.com Exchange (API v1, issue 17) runs beside them; it is not in the exchange catalog yet.
  const cdcx = await startCdcxSimulator({ seed: config.seed });
  const applyAll = (request: Parameters<typeof sims.fault>[0]) => [...sims.fault(request), ...(request.exchange ? [] : [cdcx.fault(request.fault)])];
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
    cryptocomExchange: { rest: cdcx.apiRoot, wsMarket: cdcx.wsUrl, wsUser: cdcx.userWsUrl, apiKey: cdcx.accounts[0]!.apiKey, apiSecret: cdcx.accounts[0]!.apiSecret },
  };
  if (config.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const lines = ['Exchange simulators are running (Ctrl+C to stop). Demo credentials only.', ''];
    for (const exchange of availableExchanges()) {
      lines.push(`${exchangeName(exchange).padEnd(12)} REST ${endpoints[exchange].rest}`, `${''.padEnd(12)} WS   ${endpoints[exchange].ws}`);
    }
    lines.push('Crypto.com Exchange (API v1, not in the app yet)', `${''.padEnd(12)} REST ${cdcx.apiRoot}/{method}`, `${''.padEnd(12)} WS   ${cdcx.wsUrl}`, `${''.padEnd(12)} WS   ${cdcx.userWsUrl}`);
    lines.push(`Control      ${summary.control.url}/faults   (Authorization: Bearer ${summary.control.token})`);
    lines.push('', 'Accounts:');
    for (const account of sims.accounts) {
      lines.push(`  ${account.exchange.padEnd(10)} key ${account.apiKey}`, `  ${''.padEnd(10)} secret ${account.apiSecret}`);
      lines.push(`  ${''.padEnd(10)} balances ${Object.entries(account.balances).map(([a, v]) => `${a}=${v}`).join(', ')}`);
    }
    for (const account of cdcx.accounts) {
      lines.push(`  ${'cdc-exch'.padEnd(10)} key ${account.apiKey}`, `  ${''.padEnd(10)} secret ${account.apiSecret}`);
      lines.push(`  ${''.padEnd(10)} balances ${Object.entries(account.balances).map(([a, v]) => `${a}=${v}`).join(', ')}`);
    }
    console.log(lines.join('\n'));
  }
  const shutdown = () => {
    for (const timer of timers) clearInterval(timer);
    void Promise.all([control.close(), sims.stop(), cdcx.stop()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('sim: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
