import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// WCAG 2 contrast of the light theme's accent and warning colours against every surface they
// are drawn on (issue 15, must-have 10): text needs 4.5:1. Read from styles.css itself, so a
// changed colour is checked, not a copy of it.

const css = readFileSync(join(__dirname, '../../src/renderer/src/styles.css'), 'utf8');

function themeVars(theme: string): Record<string, string> {
  const block = new RegExp(`:root\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('light theme contrast', () => {
  const vars = themeVars('light');

  it('computes WCAG contrast (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(['accent', 'warn'])('--%s reaches 4.5:1 on the window, pane and raised pane backgrounds', (name) => {
    const colour = vars[name];
    expect(colour, `--${name} in the light theme`).toMatch(/^#[0-9a-f]{6}$/);
    for (const surface of ['bg', 'pane', 'pane-2']) {
      expect(contrast(colour!, vars[surface]!), `--${name} ${colour} on --${surface} ${vars[surface]}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
