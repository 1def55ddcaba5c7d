/**
 * What the renderer keeps between starts (layout, keymap, theme, safety, choices) lives in
 * localStorage under one prefix. Nothing secret is ever stored here: the renderer never
 * learns a secret (architecture.md rule 1).
 */
const PREFIX = 'terminal.';

/** Reads a saved JSON value; undefined when absent or unreadable. */
export function load(key: string): unknown {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Saves a JSON value; a full or blocked storage is reported once and otherwise ignored. */
export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch (error) {
    console.warn(`could not save ${key}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function remove(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing to do: the value simply stays
  }
}
