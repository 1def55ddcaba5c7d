import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The process boundaries are lint rules (style.md §2); prove each one fires, and that the
// code that is allowed passes.
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('process boundaries', () => {
  it.each([
    ['electron', "import { shell } from 'electron';\nvoid shell;\n"],
    ['a node built-in', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n"],
    ['a bare node built-in', "import { join } from 'path';\nvoid join;\n"],
    ['ws', "import WebSocket from 'ws';\nvoid WebSocket;\n"],
    ['main', "import { Engine } from '../../main/engine';\nvoid Engine;\n"],
  ])('the renderer may not import %s', async (_what, code) => {
    expect((await problems('src/renderer/src/panes/Probe.tsx', code)).join('\n')).toMatch(/no-restricted-imports/);
  });

  it('the renderer may import shared code', async () => {
    expect(await problems('src/renderer/src/panes/Probe.tsx', "import { ok } from '../../../shared';\nvoid ok;\n")).toEqual([]);
  });

  it.each([
    ['a node built-in', "import { join } from 'node:path';\nvoid join;\n"],
    ['ws', "import WebSocket from 'ws';\nvoid WebSocket;\n"],
    ['react', "import { useState } from 'react';\nvoid useState;\n"],
    ['main', "import { Engine } from '../main/engine';\nvoid Engine;\n"],
  ])('shared may not import %s', async (_what, code) => {
    expect((await problems('src/shared/probe.ts', code)).join('\n')).toMatch(/no-restricted-imports/);
  });

  it('shared may import zod, big.js and itself', async () => {
    const code = "import Big from 'big.js';\nimport { z } from 'zod';\nimport { ok } from './result';\nvoid Big;\nvoid z;\nvoid ok;\n";
    expect(await problems('src/shared/probe.ts', code)).toEqual([]);
  });

  it('only the preload may touch ipcRenderer and contextBridge', async () => {
    const code = "import { contextBridge, ipcRenderer } from 'electron';\nvoid contextBridge;\nvoid ipcRenderer;\n";
    expect((await problems('src/main/window.ts', code)).join('\n')).toMatch(/Only src\/preload may use ipcRenderer/);
    expect(await problems('src/preload/probe.ts', code)).toEqual([]);
  });

  it('only the shell may touch ipcMain, and the engine never imports electron', async () => {
    const code = "import { ipcMain } from 'electron';\nvoid ipcMain;\n";
    expect(await problems('src/main/index.ts', code)).toEqual([]);
    const engine = (await problems('src/main/engine/probe.ts', code)).join('\n');
    expect(engine).toMatch(/Only src\/main\/index.ts may use ipcMain/);
    expect(engine).toMatch(/engine runs in plain Node/);
  });
});
