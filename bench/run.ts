import { parseArgs } from 'node:util';
import { benchmarks } from './registry';

// `npm run bench` runs every benchmark; `npm run bench -- ipc sim` runs some. Each prints its
// figures side by side and ends with `RESULT {json}` lines (name, metric, value, unit, ...).

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, strict: false });
  const names = positionals.length ? positionals : Object.keys(benchmarks);
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length) {
    console.error(`unknown benchmark: ${unknown.join(', ')}; have: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  for (const name of names) {
    console.log(`\n== bench ${name} ==`);
    await benchmarks[name]!();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
