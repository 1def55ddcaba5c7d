import type { SoundKind } from '../lib/sound-settings';

/**
 * The three notification sounds, synthesised with WebAudio (no sound files): a buy fill rises,
 * a sell fill falls, an alert is three short pips. Distinct in pitch direction and rhythm, so
 * they can be told apart without looking.
 */
const NOTES: Record<SoundKind, { wave: OscillatorType; notes: [hz: number, startMs: number, lengthMs: number][] }> = {
  'buy-fill': { wave: 'sine', notes: [[660, 0, 90], [990, 95, 160]] },
  'sell-fill': { wave: 'sine', notes: [[660, 0, 90], [440, 95, 160]] },
  alert: { wave: 'triangle', notes: [[880, 0, 70], [880, 130, 70], [1175, 260, 120]] },
};

let context: AudioContext | undefined;
let played = 0;

/**
 * Plays a sound at `volume` (0..1). Also records it on <html> (`data-last-sound`,
 * `data-sound-count`): the hook the end-to-end tests read, since a headless browser has no
 * speakers to listen to.
 */
export function playSound(kind: SoundKind, volume: number): void {
  played += 1;
  document.documentElement.dataset['lastSound'] = kind;
  document.documentElement.dataset['soundCount'] = String(played);
  try {
    context ??= new AudioContext();
    // A context made before any user gesture starts suspended; resuming is allowed after one.
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const at = context.currentTime + 0.01;
    const { wave, notes } = NOTES[kind];
    for (const [hz, startMs, lengthMs] of notes) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = wave;
      osc.frequency.value = hz;
      const start = at + startMs / 1000;
      const end = start + lengthMs / 1000;
      // A 5 ms attack and an exponential decay: no click at either end.
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(Math.max(0.0002, volume * 0.4), start + 0.005);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      osc.connect(gain).connect(context.destination);
      osc.start(start);
      osc.stop(end + 0.02);
    }
  } catch (error) {
    // No audio device (or WebAudio refused): the toast and the OS notification still say it.
    console.warn(`could not play the ${kind} sound: ${error instanceof Error ? error.message : String(error)}`);
  }
}
