import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { MAIN_LAYERS } from '../../eslint/main-layers.mjs';

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

describe('layers inside src/main (eslint/main-layers.mjs)', () => {
  const importing = (target: string) => `import * as probe from '${target}';\nvoid probe;\n`;
  const fires = async (file: string, code: string) => expect((await problems(file, code)).join('\n')).toMatch(/layers\/main-layers/);

  // Every folder, against the layer above it and against a sibling of its own layer.
  const cases: Array<[string, string, string]> = MAIN_LAYERS.slice(0, -1).flatMap((layer, i) =>
    layer.flatMap((folder): Array<[string, string, string]> => [
      [folder, MAIN_LAYERS[i + 1]![0]!, 'the layer above'],
      ...layer.filter((other) => other !== folder).slice(0, 1).map((other): [string, string, string] => [folder, other, 'its own layer']),
    ]),
  );
  it.each(cases)('src/main/%s may not import src/main/%s (%s)', async (folder, target) => {
    await fires(`src/main/${folder}/probe.ts`, importing(`../${target}`));
  });

  it.each(MAIN_LAYERS.slice(1).map((layer, i) => [layer[0]!, MAIN_LAYERS[i]![0]!]))('src/main/%s may import src/main/%s (below it)', async (folder, target) => {
    expect(await problems(`src/main/${folder}/probe.ts`, importing(`../${target}`))).toEqual([]);
  });

  it('sees through subfolders, re-exports and dynamic imports', async () => {
    await fires('src/main/exchanges/icrypex/probe.ts', importing('../../market/hub'));
    await fires('src/main/exchanges/probe.ts', "export { StreamHub } from '../market';\n");
    await fires('src/main/accounts/probe.ts', "export async function f() {\n  return import('../engine');\n}\n");
  });

  it('keeps the simulators apart: net only, started by the engine only', async () => {
    await fires('src/main/sim/cryptocom/probe.ts', importing('../../exchanges/cryptocom/sign'));
    expect(await problems('src/main/sim/shared/probe.ts', importing('../../net/request-target'))).toEqual([]);
    expect(await problems('src/main/sim/cryptocom/probe.ts', importing('../market'))).toEqual([]);
    await fires('src/main/trading/probe.ts', importing('../sim'));
    expect(await problems('src/main/engine/probe.ts', importing('../sim'))).toEqual([]);
  });

  it('leaves the shell files to the shell', async () => {
    await fires('src/main/engine/probe.ts', importing('../window'));
    expect(await problems('src/main/probe.ts', importing('./engine'))).toEqual([]);
  });

  it('has no exception left: connectors trust ConnectorOrder, so exchanges/ never imports trading/ (issue 16 point 4)', async () => {
    await fires('src/main/exchanges/icrypex/account.ts', importing('../../trading/order-rules'));
    await fires('src/main/exchanges/icrypex/connector.ts', importing('../../trading/order-rules'));
  });
});
