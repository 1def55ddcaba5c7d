import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium';
import { result, summarize } from './stats';

// `npm run bench -- cold-start` (in a session with an unlocked OS keychain, as for `bench ui`):
// what `npm run dev:browser` does after its build, from a fresh data folder each run (first
// start: demo accounts created, simulators started, keys written to the keychain), timed from
// spawning the host to the first order-book row on the page (issue 19 target: ≤ 2 s). The browser
// is already running, as a trader's is; each run opens a fresh page. Marks per run, on one clock:
//   url    the host printed its address (it listens);
//   page   the page's DOMContentLoaded (the shell is drawn);
//   row    the first bid row of the order book is on the page.
// COLD_START_RUNS (default 5) overrides.

const RUNS = Number(process.env['COLD_START_RUNS'] ?? 5);
const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

interface Marks {
  url: number;
  page: number;
  row: number;
}

/** Resolves with the host's URL once it prints it, and the moment it did. */
function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Open:\s*\n\s*(\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the browser host exited (${code}) before it printed its address: ${err.slice(-400)}`)));
  });
}

function stopHost(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function oneRun(browser: Browser): Promise<Marks> {
  const started = performance.now();
  const child = spawn(TSX, ['scripts/browser-host.ts', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  try {
    const url = await waitForUrl(child);
    const atUrl = performance.now() - started;
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const atPage = performance.now() - started;
      await page.locator('.book-bid[data-index]').first().waitFor({ state: 'attached', timeout: 60_000 });
      const atRow = performance.now() - started;
      return { url: atUrl, page: atPage, row: atRow };
    } finally {
      await context.close();
    }
  } finally {
    await stopHost(child);
  }
}

/** See the file comment. */
export async function coldStartBenchmark(): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  const runs: Marks[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const marks = await oneRun(browser);
      runs.push(marks);
      console.log(`run ${i + 1}: host listening ${marks.url.toFixed(0)} ms, page loaded ${marks.page.toFixed(0)} ms, first book row ${marks.row.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
  }
  const line = (label: string, key: keyof Marks) => {
    const s = summarize(runs.map((r) => r[key]));
    const min = Math.min(...runs.map((r) => r[key]));
    console.log(`  ${label.padEnd(34)} median ${s.p50.toFixed(0).padStart(5)} ms   spread ${min.toFixed(0)}–${s.max.toFixed(0)} ms`);
    return { median: s.p50, min, max: s.max };
  };
  console.log(`cold start of the browser host in demo mode, fresh data folder, ${runs.length} runs:`);
  const url = line('spawn → host listening', 'url');
  const page = line('spawn → page loaded', 'page');
  const row = line('spawn → first order-book row', 'row');
  result({ name: 'cold-start', metric: 'first_book_row_median', value: Math.round(row.median), unit: 'ms', min: Math.round(row.min), max: Math.round(row.max), runs: runs.length, target: 2000 });
  result({ name: 'cold-start', metric: 'host_listening_median', value: Math.round(url.median), unit: 'ms', min: Math.round(url.min), max: Math.round(url.max) });
  result({ name: 'cold-start', metric: 'page_loaded_median', value: Math.round(page.median), unit: 'ms', min: Math.round(page.min), max: Math.round(page.max) });
}
