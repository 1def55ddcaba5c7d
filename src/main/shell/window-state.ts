import { join } from 'node:path';
import { z } from 'zod';
import { loadJsonFile, writeJsonAtomic } from '../storage/json-file';

/**
 * Where the window was when it last closed (issue 15, must-have 2): saved to
 * `window-state.json` in the data folder and restored at start, clamped onto a display that
 * still exists (a monitor unplugged since, a laptop away from its dock). Electron-free and pure,
 * so it is unit tested; the shell reads displays from `screen` and passes them in.
 * The same file keeps the shell's one setting (ask before closing with open orders).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1600, height: 960 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** Zoom the View menu steps through; 1 is 100 %. */
export const ZOOM_STEPS = [0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);

export const WindowState = z.object({
  /** The normal (not maximised) bounds, so un-maximising lands where the trader left it. */
  bounds: z.object({ x: Coordinate, y: Coordinate, width: Length, height: Length }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
  zoomFactor: z.number().min(ZOOM_STEPS[0]).max(ZOOM_STEPS[ZOOM_STEPS.length - 1]!),
});
export type WindowState = z.infer<typeof WindowState>;

/** How much of the window must show on a display to keep it there: enough of the title bar to drag. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

/**
 * The bounds to open with. Saved bounds are kept as they are when their top edge shows on a
 * display (at least MIN_VISIBLE pixels each way) and they fit it; otherwise they move onto the
 * display they overlap most (else the primary, the first), shrunk to its work area and kept
 * inside it. Nothing saved: the default size, centred on the primary display.
 */
export function restoreBounds(saved: Rect | undefined, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const centred = (area: Rect, width: number, height: number): Rect => ({
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  });
  if (!saved) {
    return centred(primary, Math.min(DEFAULT_SIZE.width, primary.width), Math.min(DEFAULT_SIZE.height, primary.height));
  }
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: MIN_VISIBLE };
  let best = primary;
  let bestArea = -1;
  for (const area of workAreas) {
    const shown = overlap(saved, area);
    const size = shown.width * shown.height;
    if (size > bestArea) [best, bestArea] = [area, size];
  }
  const grip = overlap(titleBar, best);
  const fits = saved.width <= best.width && saved.height <= best.height;
  if (grip.width >= MIN_VISIBLE && grip.height >= Math.min(MIN_VISIBLE, saved.height) && fits && saved.y >= best.y) return { ...saved };
  if (bestArea <= 0) best = primary;
  const width = Math.max(Math.min(saved.width, best.width), Math.min(MIN_SIZE.width, best.width));
  const height = Math.max(Math.min(saved.height, best.height), Math.min(MIN_SIZE.height, best.height));
  return {
    x: Math.min(Math.max(saved.x, best.x), best.x + best.width - width),
    y: Math.min(Math.max(saved.y, best.y), best.y + best.height - height),
    width,
    height,
  };
}

/** The next zoom step up (+1) or down (-1) from `current`; 0 resets to 100 %. */
export function stepZoom(current: number, direction: -1 | 0 | 1): number {
  if (direction === 0) return 1;
  if (direction > 0) return ZOOM_STEPS.find((z) => z > current + 0.001) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < current - 0.001) ?? ZOOM_STEPS[0];
}

/** What the shell keeps between runs in `shell-state.json` (the engine's files are its own). */
export const ShellState = z.object({
  window: WindowState.optional(),
  /** File → Ask Before Closing With Open Orders. */
  askBeforeClosingWithOpenOrders: z.boolean(),
});
export type ShellState = z.infer<typeof ShellState>;
export const SHELL_STATE_FILE = 'shell-state.json';
export const DEFAULT_SHELL_STATE: ShellState = { askBeforeClosingWithOpenOrders: true };

/** Reads the shell's state; a missing or unreadable file (kept aside) gives the defaults. */
export async function loadShellState(dataDir: string, log: (line: string) => void): Promise<ShellState> {
  try {
    const outcome = await loadJsonFile(join(dataDir, SHELL_STATE_FILE), ShellState);
    if (outcome.kind === 'ok') return outcome.value;
    if (outcome.kind === 'set-aside') log(`shell: ${SHELL_STATE_FILE} could not be read (${outcome.reason}); kept as ${outcome.movedTo}`);
  } catch (cause) {
    log(`shell: ${SHELL_STATE_FILE} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  return { ...DEFAULT_SHELL_STATE };
}

export function saveShellState(dataDir: string, state: ShellState): Promise<void> {
  return writeJsonAtomic(join(dataDir, SHELL_STATE_FILE), state);
}
