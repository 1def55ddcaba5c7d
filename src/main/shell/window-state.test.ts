import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreBounds, stepZoom, WindowState, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('opens at the default size, centred on the primary display, when nothing is saved', () => {
    expect(restoreBounds(undefined, [{ x: 0, y: 0, width: 1920, height: 1040 }])).toEqual({ x: 160, y: 40, ...DEFAULT_SIZE });
    // A smaller screen than the default: the window fits it.
    expect(restoreBounds(undefined, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('keeps saved bounds that are on a display that still exists', () => {
    const saved = { x: 1600, y: 0, width: 1800, height: 1000 };
    expect(restoreBounds(saved, [laptop, external])).toEqual(saved);
  });

  it('moves a window from an unplugged monitor onto the primary display, shrunk to fit', () => {
    const saved = { x: 1600, y: 0, width: 1800, height: 1000 };
    expect(restoreBounds(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('pulls a window whose title bar is off-screen back into the display it overlaps most', () => {
    const saved = { x: 100, y: -500, width: 1000, height: 800 };
    expect(restoreBounds(saved, [laptop, external])).toEqual({ x: 100, y: 0, width: 1000, height: 800 });
    const offRight = { x: 1400, y: 100, width: 1000, height: 650 };
    expect(restoreBounds(offRight, [laptop])).toEqual({ x: 440, y: 100, width: 1000, height: 650 });
  });

  it('round-trips through the saved schema', () => {
    const state = { bounds: { x: -1200, y: 40, width: 1200, height: 800 }, maximized: true, fullScreen: false, zoomFactor: 1.25 };
    expect(WindowState.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(WindowState.safeParse({ ...state, zoomFactor: 40 }).success).toBe(false);
    expect(WindowState.safeParse({ ...state, bounds: { ...state.bounds, width: 0 } }).success).toBe(false);
  });
});

describe('stepZoom', () => {
  it('steps through the zoom levels and stops at both ends', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(2, 1)).toBe(2);
    expect(stepZoom(0.67, -1)).toBe(0.67);
    expect(stepZoom(1.75, 0)).toBe(1);
  });
});

describe('the shell state file', () => {
  it('round-trips, and a damaged file gives the defaults', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadShellState, saveShellState, DEFAULT_SHELL_STATE, SHELL_STATE_FILE } = await import('./window-state');
    const dir = mkdtempSync(join(tmpdir(), 'shell-state-'));
    try {
      const lines: string[] = [];
      expect(await loadShellState(dir, (l) => lines.push(l))).toEqual(DEFAULT_SHELL_STATE);
      const state = { window: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false, fullScreen: true, zoomFactor: 1.1 }, askBeforeClosingWithOpenOrders: false };
      await saveShellState(dir, state);
      expect(await loadShellState(dir, (l) => lines.push(l))).toEqual(state);
      writeFileSync(join(dir, SHELL_STATE_FILE), '{"window":');
      expect(await loadShellState(dir, (l) => lines.push(l))).toEqual(DEFAULT_SHELL_STATE);
      expect(lines.join('\n')).toMatch(/could not be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
