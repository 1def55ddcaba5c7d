import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertStore } from '../../src/main/alerts/alert-store';
import { SettingsStore } from '../../src/main/settings/settings-store';
import { loadShellState } from '../../src/main/shell/window-state';
import { LONG, report } from './figures';
import { STORES, type StoreName } from './support/store-writer-child';

// Issue 20 point 6: SIGKILL mid-write. A child saves the settings, the price alerts and the
// window layout in a loop (each save: temp file, fsync, rename, src/main/storage/json-file.ts);
// it is killed N times at a moment that varies. After each kill every file must load through the
// app's own loader (nothing set aside as corrupt) with at least the last version the child had
// seen committed (nothing lost), and the next child carries on from there.

const ROOT = join(__dirname, '../..');
const KILLS = LONG ? 120 : 6;
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs one writer child, kills it `afterMs` after it is ready, and returns the versions it saw committed. */
function writeAndKill(dataDir: string, round: number, afterMs: number): Promise<Partial<Record<StoreName, number>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support/store-writer-child.ts'), dataDir, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: Partial<Record<StoreName, number>> = {};
    let out = '';
    let errText = '';
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const start = !out.includes('ready\n');
      out += d.toString();
      if (start && out.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('close', (_code, signal) => {
      for (const m of out.matchAll(/^committed (\w+) (\d+)$/gm)) committed[m[1] as StoreName] = Math.max(committed[m[1] as StoreName] ?? 0, Number(m[2]));
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`the writer child ended without being killed: ${errText.slice(-1500)}`));
    });
  });
}

/** What the app would load now: the version in each file, or 'corrupt' when its loader set the file aside. */
async function loadAll(dataDir: string): Promise<Record<StoreName, number | 'corrupt' | 'missing'>> {
  const settings = new SettingsStore(dataDir);
  const settingsProblem = await settings.open();
  const alerts = new AlertStore(dataDir, Date.now);
  const alertsProblem = await alerts.open();
  const shellLog: string[] = [];
  const shell = await loadShellState(dataDir, (line) => shellLog.push(line));
  const quantity = settings.get().symbolLimits['BTCUSDT']?.maxQuantity;
  const bounds = shell.window?.bounds;
  return {
    settings: settingsProblem ? 'corrupt' : quantity ? Number(quantity) : 'missing',
    alerts: alertsProblem ? 'corrupt' : (alerts.list()[0]?.createdAt ?? 'missing'),
    layout: shellLog.length > 0 ? 'corrupt' : bounds ? bounds.x * 1e6 + bounds.y : 'missing',
  };
}

describe('chaos: SIGKILL mid-write', () => {
  it(`leaves no settings, alerts or layout file corrupt or lost after ${KILLS} kills`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'chaos-sigkill-'));
    const lastCommitted: Record<StoreName, number> = { settings: 0, alerts: 0, layout: 0 };
    let corrupt = 0;
    let lost = 0;
    let writesSeen = 0;
    const problems: string[] = [];
    for (let round = 1; round <= KILLS; round++) {
      // The kill lands 5-84 ms after the child is ready: somewhere in its writes, never the same place.
      const committed = await writeAndKill(dir, round, 5 + ((round * 37) % 80));
      const loaded = await loadAll(dir);
      for (const store of STORES) {
        const seen = committed[store];
        if (seen !== undefined) {
          writesSeen += seen - round * 1e6;
          lastCommitted[store] = seen;
        }
        const v = loaded[store];
        if (v === 'corrupt') {
          corrupt++;
          problems.push(`round ${round}: ${store} corrupt`);
        } else if ((v === 'missing' && lastCommitted[store] > 0) || (typeof v === 'number' && v < lastCommitted[store])) {
          lost++;
          problems.push(`round ${round}: ${store} has ${v}, ${lastCommitted[store]} was committed`);
        }
      }
    }
    const figures = { scenario: 'sigkill mid-write', kills: KILLS, files: STORES.length, committedWrites: writesSeen, corrupt, lost, problems: problems.slice(0, 10) };
    report(figures);
    expect({ corrupt, lost }).toEqual({ corrupt: 0, lost: 0 });
    // The kills came while writing: the children committed saves before they died.
    expect(writesSeen).toBeGreaterThan(KILLS);
  }, LONG ? 900_000 : 60_000);
});
