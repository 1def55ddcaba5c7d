import { waitFor } from '../../support/wait';
import { BookMonitor, spread } from './book-monitor';
import type { BookRig } from './book-rigs';

/**
 * The book scenarios of issue 20 for one exchange: isolated drops, TCP resets mid-frame, 1-3 s outages, a flapping
 * link, a half-open link, sequence gaps and broken frames in a moving market, and the last
 * update lost or reordered just before the market goes quiet. Every fault is counted; the
 * figures come back for the RESULT line and the assertions.
 */
export interface ChaosSize {
  isolated: number;
  /** TCP resets in the middle of a frame (the port stays open). */
  resets: number;
  /** Outage lengths (ms). */
  outages: number[];
  flaps: number;
  halfOpen: number;
  gaps: number;
  quietLost: number;
  quietReordered: number;
}

export const SHORT: ChaosSize = { isolated: 2, resets: 2, outages: [1_000, 3_000], flaps: 4, halfOpen: 1, gaps: 2, quietLost: 1, quietReordered: 1 };
export const LONG: ChaosSize = {
  isolated: 20,
  resets: 20,
  outages: Array.from({ length: 20 }, (_, i) => 1_000 + ((i * 379) % 2_001)),
  flaps: 30,
  halfOpen: 5,
  gaps: 10,
  quietLost: 10,
  quietReordered: 10,
};

export interface BookFigures {
  exchange: string;
  faults: number;
  silentlyWrong: BookMonitor['silentlyWrong'];
  longestLiveButWrongMs: number;
  quietRepairs: number;
  liveAfterMs: { isolated: number[]; reset: number[]; outage: number[]; flapping: number[]; halfOpen: number[]; gap: number[]; quiet: number[] };
  halfOpenStaleMs: number[];
  /** Up periods of the flapping link that ended before the book was LIVE again. */
  flapsNotLiveInTime: number;
  /** The silently wrong spells (phase, start, length), to find them in the rig's log. */
  spells: BookMonitor['spells'];
}

/** A deterministic 0..1 sequence (the scenario's own; no Math.random in a CI suite). */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runBookChaos(rig: BookRig, size: ChaosSize): Promise<BookFigures> {
  const monitor = new BookMonitor(rig.last, rig.matches);
  const live: BookFigures['liveAfterMs'] = { isolated: [], reset: [], outage: [], flapping: [], halfOpen: [], gap: [], quiet: [] };
  const halfOpenStaleMs: number[] = [];
  let faults = 0;
  let flapsNotLiveInTime = 0;
  const random = sequence(20);
  let mover: ReturnType<typeof setInterval> | undefined;
  const moving = (on: boolean) => {
    clearInterval(mover);
    mover = on ? setInterval(() => rig.move(2), 100) : undefined;
    monitor.phase = on ? 'moving' : 'quiet';
  };
  /** Time from `since` until the book is LIVE and right (ms); fails the run past `timeoutMs`. */
  const liveAfter = async (since: number, what: string, timeoutMs = 10_000) => {
    await waitFor(() => monitor.live(), `${rig.exchange}: the book LIVE and right again after ${what}`, timeoutMs);
    return Date.now() - since;
  };
  /** Waits until a stale book has been shown since `before` (a count of rig.staleBooks()). */
  const staleSeen = (before: number, what: string) => waitFor(() => rig.staleBooks() > before, `${rig.exchange}: the book shown stale after ${what}`, 10_000);

  await waitFor(() => monitor.live(), `${rig.exchange}: the first book`, 15_000);
  monitor.start();
  const offBook = rig.onBook(() => monitor.look());
  try {
    moving(true);
    for (let i = 0; i < size.isolated; i++) {
      await liveAfter(Date.now(), 'settling');
      const at = Date.now();
      const stales = rig.staleBooks();
      rig.faults.dropConnections();
      faults++;
      await staleSeen(stales, 'a dropped socket');
      live.isolated.push(await liveAfter(at, 'a dropped socket'));
    }
    for (let i = 0; i < size.resets; i++) {
      await liveAfter(Date.now(), 'settling');
      const at = Date.now();
      const stales = rig.staleBooks();
      rig.proxy.resetMidFrame();
      faults++;
      await staleSeen(stales, 'a reset mid-frame');
      live.reset.push(await liveAfter(at, 'a reset mid-frame'));
    }
    for (const ms of size.outages) {
      await liveAfter(Date.now(), 'settling');
      await rig.proxy.down();
      faults++;
      await pause(ms); // the outage itself
      await rig.proxy.up();
      live.outage.push(await liveAfter(Date.now(), `a ${ms} ms outage`));
    }
    await liveAfter(Date.now(), 'settling');
    for (let i = 0; i < size.flaps; i++) {
      await rig.proxy.down();
      faults++;
      await pause(300 + Math.round(random() * 700));
      await rig.proxy.up();
      const upAt = Date.now();
      const upFor = 1_000 + Math.round(random() * 2_000);
      const last = i === size.flaps - 1;
      try {
        live.flapping.push(await liveAfter(upAt, 'a flap', last ? 10_000 : upFor));
      } catch (error) {
        if (last) throw error;
        flapsNotLiveInTime++;
        live.flapping.push(upFor);
      }
      if (!last) await pause(Math.max(0, upAt + upFor - Date.now()));
    }
    for (let i = 0; i < size.halfOpen; i++) {
      await liveAfter(Date.now(), 'settling');
      monitor.phase = 'half-open';
      const at = Date.now();
      const stales = rig.staleBooks();
      rig.proxy.freeze();
      faults++;
      await staleSeen(stales, 'a half-open link');
      halfOpenStaleMs.push(Date.now() - at);
      live.halfOpen.push(await liveAfter(at, 'a half-open link', 15_000));
      monitor.phase = 'moving';
    }
    for (let i = 0; i < size.gaps; i++) {
      // A sequence gap (Icrypex: a skipped change set; Crypto.com: a cut gzip frame), then a
      // frame that does not parse: each must show the book stale, then LIVE and right again.
      await liveAfter(Date.now(), 'settling');
      let at = Date.now();
      let stales = rig.staleBooks();
      if (rig.exchange === 'icrypex') rig.faults.skipChangeSet(rig.symbol);
      else rig.faults.truncateNextGzipFrame();
      faults++;
      await staleSeen(stales, 'a gap');
      live.gap.push(await liveAfter(at, 'a gap'));
      at = Date.now();
      stales = rig.staleBooks();
      rig.faults.sendMalformedFrame();
      faults++;
      await staleSeen(stales, 'a broken frame');
      live.gap.push(await liveAfter(at, 'a broken frame'));
    }
    moving(false);
    const quiet = async (kind: 'lost' | 'reordered') => {
      await liveAfter(Date.now(), 'settling');
      if (kind === 'lost') rig.faults.dropNextBookUpdate(rig.symbol);
      else rig.faults.reorderNextBookUpdates(rig.symbol);
      faults++;
      // Move until the fault has been used (a step that changes nothing shown does not use it),
      // then once more for a reorder (the held update goes out after the next one), then quiet.
      const used = () => rig.faults.pendingBookUpdateFaults(rig.symbol) === 0;
      await stepUntil(rig, used, `${rig.exchange}: the market to use the ${kind} fault`);
      if (kind === 'reordered') {
        const before = rig.last();
        await stepUntil(rig, () => rig.last() !== before, `${rig.exchange}: the update after the held one`);
      }
      const at = Date.now();
      live.quiet.push(await liveAfter(at, `the last update ${kind} in a quiet market`));
    };
    for (let i = 0; i < size.quietLost; i++) await quiet('lost');
    for (let i = 0; i < size.quietReordered; i++) await quiet('reordered');
  } finally {
    moving(false);
    offBook();
    monitor.stop();
  }
  return {
    exchange: rig.exchange,
    faults,
    silentlyWrong: monitor.silentlyWrong,
    longestLiveButWrongMs: monitor.longestWrongMs,
    quietRepairs: rig.quietRepairs(),
    liveAfterMs: live,
    halfOpenStaleMs,
    flapsNotLiveInTime,
    spells: monitor.spells,
  };
}

/** Small market steps until `done` (the simulators push on a 100 ms throttle, so each step is given 400 ms). */
async function stepUntil(rig: BookRig, done: () => boolean, what: string): Promise<void> {
  for (let n = 0; n < 30; n++) {
    rig.move(1);
    try {
      await waitFor(done, what, 400);
      return;
    } catch {
      // nothing shown changed yet: step again
    }
  }
  throw new Error(`${what}: not after 30 steps`);
}

/** The rig's log around each silently wrong spell (ms from its start), to see what the connector did meanwhile. */
export function spellLogs(f: BookFigures, logs: readonly string[]): string {
  return f.spells
    .map((s) => {
      const near = logs.map((l) => ({ at: Number(l.slice(0, l.indexOf(' '))), text: l.slice(l.indexOf(' ') + 1) })).filter((l) => l.at >= s.from - 3_000 && l.at <= s.from + s.ms + 500);
      return [`SPELL ${JSON.stringify(s)}`, ...near.map((l) => `  ${l.at - s.from} ${l.text}`)].join('\n');
    })
    .join('\n');
}

/** The RESULT line of one exchange's run (bench/ style: one JSON object per line). */
export function resultLine(f: BookFigures): string {
  const s = (v: number[]) => spread(v);
  return `RESULT ${JSON.stringify({
    suite: 'chaos-books',
    exchange: f.exchange,
    faults: f.faults,
    silentlyWrong: f.silentlyWrong,
    longestLiveButWrongMs: f.longestLiveButWrongMs,
    quietRepairs: f.quietRepairs,
    liveAfterMs: { isolated: s(f.liveAfterMs.isolated), reset: s(f.liveAfterMs.reset), outage: s(f.liveAfterMs.outage), flapping: s(f.liveAfterMs.flapping), halfOpen: s(f.liveAfterMs.halfOpen), gap: s(f.liveAfterMs.gap), quiet: s(f.liveAfterMs.quiet) },
    halfOpenStaleMs: s(f.halfOpenStaleMs),
    flapsNotLiveInTime: f.flapsNotLiveInTime,
  })}`;
}
