import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { median, openMarkets, pushCounts, startUiSession, type PageGlobals, type UiSession } from './ui-page';
import { result } from './stats';
import { mainThreadSelfTimes } from './trace-summary';

// `npm run bench -- ui-render`: the renderer's main thread in demo mode (issue 19 #1, #5).
// Headless Chromium (software rendering) through the browser host, the demo engine and
// simulators at their shipped rates, at 1, 4 and 8 visible markets: that many order books and
// trade tapes on screen (pinned alternately to the Icrypex and the Crypto.com demo account,
// so two books and two tapes stream into them; copies of one stream each render their own
// DOM), plus two more markets' books and trades pushed to the page unseen.
//   busy share (the target, main_thread_cpu): the renderer main thread's CPU time (/proc) over
//     the wall time of the window; on a shared machine this does not count waiting for a core;
//   task time share: Chromium's main-thread task wall time (CDP Performance.getMetrics
//     TaskDuration, with its script, style and layout parts), which does;
//   long animation frames: PerformanceObserver('long-animation-frame'), frames over 50 ms;
//   long tasks: PerformanceObserver('longtask').
// Each count is measured UI_RENDER_RUNS times (default 3) in a fresh page for UI_RENDER_SECONDS
// (default 15) after a 5 s settle, after one unmeasured warm-up page; the RESULT lines give the median and the spread.
// UI_RENDER_MARKETS (default "1,4,8") picks the counts.

const SECONDS = Number(process.env['UI_RENDER_SECONDS'] ?? 15);
const RUNS = Number(process.env['UI_RENDER_RUNS'] ?? 3);
const MARKETS = (process.env['UI_RENDER_MARKETS'] ?? '1,4,8').split(',').map(Number);
const SETTLE_MS = 5000;

interface Run {
  /** Main-thread CPU time over wall time. */
  cpu: number;
  /** Main-thread task wall time over wall time (includes waiting for a core on a busy machine). */
  busy: number;
  script: number;
  style: number;
  layout: number;
  loafs: number;
  loafMax: number;
  longtasks: number;
  bookPushesPerS: number;
  tradePushesPerS: number;
}

type Metrics = Record<string, number>;

/**
 * CPU seconds the renderers' main threads have used, from /proc. On a shared
 * machine a task's wall time includes the time the thread waited for a core; its CPU time does
 * not, so this is the busy share that does not depend on the neighbours.
 */
async function rendererMainCpu(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  const tick = 100; // USER_HZ on Linux
  let seconds = 0;
  for (const { id } of processInfo.filter((p) => p.type === 'renderer')) {
    try {
      // A renderer's main thread (CrRendererMain in traces) is its first thread: tid = pid.
      const stat = readFileSync(`/proc/${id}/task/${id}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // a renderer that ended between the listing and the read
    }
  }
  return seconds;
}

async function metrics(cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }> }): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function measure(page: Page): Promise<Run> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    const probe = { loafs: [] as number[], longtasks: [] as number[] };
    window.__loaf = probe;
    new window.PerformanceObserver((list) => list.getEntries().forEach((e) => probe.loafs.push(e.duration))).observe({ type: 'long-animation-frame' });
    new window.PerformanceObserver((list) => list.getEntries().forEach((e) => probe.longtasks.push(e.duration))).observe({ type: 'longtask' });
  });
  const pushesBefore = await pushCounts(page);
  const browser = page.context().browser()!;
  const cpuBefore = await rendererMainCpu(browser);
  const before = await metrics(cdp);
  await page.waitForTimeout(SECONDS * 1000);
  const after = await metrics(cdp);
  const cpuAfter = await rendererMainCpu(browser);
  const pushesAfter = await pushCounts(page);
  const probe = await page.evaluate(() => (globalThis as unknown as PageGlobals).__loaf!);
  await cdp.detach();
  const wall = after['Timestamp']! - before['Timestamp']!;
  const share = (name: string) => (after[name]! - before[name]!) / wall;
  const rate = (kind: string) => {
    let total = 0;
    for (const [key, count] of Object.entries(pushesAfter)) if (key.startsWith(kind)) total += count - (pushesBefore[key] ?? 0);
    return total / wall;
  };
  return {
    cpu: (cpuAfter - cpuBefore) / wall,
    busy: share('TaskDuration'),
    script: share('ScriptDuration'),
    style: share('RecalcStyleDuration'),
    layout: share('LayoutDuration'),
    loafs: probe.loafs.length,
    loafMax: probe.loafs.length ? Math.max(...probe.loafs) : 0,
    longtasks: probe.longtasks.length,
    bookPushesPerS: rate('book'),
    tradePushesPerS: rate('trades'),
  };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const spread = (values: number[]) => [Math.min(...values), Math.max(...values)];

async function benchMarkets(session: UiSession, n: number): Promise<Array<Parameters<typeof result>[0]>> {
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) {
    const { page, errors } = await openMarkets(session, n);
    try {
      const run = await measure(page);
      runs.push(run);
      console.log(
        `  ${n} visible, run ${r + 1}: main thread CPU ${pct(run.cpu)}; task time ${pct(run.busy)} (script ${pct(run.script)}, style ${pct(run.style)}, layout ${pct(run.layout)}, rest ${pct(run.busy - run.script - run.style - run.layout)})` +
          `   LoAF>50ms ${run.loafs}${run.loafs ? ` (max ${run.loafMax.toFixed(0)} ms)` : ''}   long tasks ${run.longtasks}` +
          `   pushes/s at the page: book ${run.bookPushesPerS.toFixed(1)}, trades ${run.tradePushesPerS.toFixed(1)}`,
      );
      if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
    } finally {
      await page.context().close();
    }
  }
  const of = (key: keyof Run) => runs.map((run) => run[key]);
  const [cpuLo, cpuHi] = spread(of('cpu'));
  const [busyLo, busyHi] = spread(of('busy'));
  return [
  { name: 'ui-render', metric: `main_thread_cpu_${n}_markets`, value: median(of('cpu')) * 100, unit: '%', min: cpuLo! * 100, max: cpuHi! * 100, runs: RUNS, seconds: SECONDS, ...(n === 4 ? { target: 10 } : {}) },
  { name: 'ui-render', metric: `task_time_share_${n}_markets`, value: median(of('busy')) * 100, unit: '%', min: busyLo! * 100, max: busyHi! * 100 },
  { name: 'ui-render', metric: `script_style_layout_${n}_markets`, value: median(of('script')) * 100, unit: '%', style: median(of('style')) * 100, layout: median(of('layout')) * 100 },
  { name: 'ui-render', metric: `loaf_over_50ms_${n}_markets`, value: median(of('loafs')), unit: 'count', max: Math.max(...of('loafs')), longestMs: Math.max(...of('loafMax')), longTasks: Math.max(...of('longtasks')), target: 0 },
  { name: 'ui-render', metric: `pushes_per_s_${n}_markets`, value: median(of('bookPushesPerS')), unit: 'book pushes/s', trades: median(of('tradePushesPerS')) },
  ];
}

/**
 * UI_RENDER_TRACE=<dir>: one more page per count, traced (devtools.timeline) for
 * UI_RENDER_SECONDS; prints the main thread's self time by event and keeps the trace.
 */
async function traceMarkets(session: UiSession, n: number, dir: string): Promise<void> {
  const { page } = await openMarkets(session, n);
  try {
    await page.waitForTimeout(SETTLE_MS);
    const path = join(dir, `ui-render-${n}.json`);
    await session.browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
    await page.waitForTimeout(SECONDS * 1000);
    await session.browser.stopTracing();
    const { wallMs, byName } = mainThreadSelfTimes(JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof mainThreadSelfTimes>[0]);
    const total = byName.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`  trace, ${n} visible (${path}): main thread ${total.toFixed(0)} ms of ${wallMs.toFixed(0)} ms; self time by event:`);
    for (const [name, ms] of byName.slice(0, 14)) console.log(`    ${name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %`);
  } finally {
    await page.context().close();
  }
}

/** See the file comment. */
export async function uiRenderBenchmark(): Promise<void> {
  const session = await startUiSession();
  try {
    // A first page warms the engine, the host and Chromium up; it is not measured.
    const warm = await openMarkets(session, 1);
    await warm.page.waitForTimeout(SETTLE_MS);
    await warm.page.context().close();
    const lines = [];
    if (RUNS > 0) for (const n of MARKETS) lines.push(...(await benchMarkets(session, n)));
    const traceDir = process.env['UI_RENDER_TRACE'];
    if (traceDir) {
      mkdirSync(traceDir, { recursive: true });
      for (const n of MARKETS) await traceMarkets(session, n, traceDir);
    }
    for (const line of lines) result(line);
  } finally {
    await session.close();
  }
}
