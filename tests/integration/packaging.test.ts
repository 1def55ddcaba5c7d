import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packs the app for real with electron-builder (`--linux dir`, the step every target starts
// with) and inspects what came out: the asar, the unpacked native module, the fuses in the
// binary. The Electron binary cannot be downloaded here, so electron-builder is handed a
// stand-in: a file carrying the fuse wire exactly where a real Electron carries it, in the
// state Electron ships it. Everything else is electron-builder's own packing.

const root = join(__dirname, '../..');
const builderRequire = createRequire(createRequire(require.resolve('electron-builder')).resolve('app-builder-lib'));
const asar = builderRequire('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, file: string): { unpacked?: boolean };
  extractFile(archive: string, file: string): Buffer;
};
const { getCurrentFuseWire, FuseV1Options } = builderRequire('@electron/fuses') as {
  getCurrentFuseWire(binary: string): Promise<Record<number, number | string>>;
  FuseV1Options: Record<string, number>;
};

/** @electron/fuses' sentinel, then wire version 1, then one byte per fuse ('1' on, '0' off). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's shipped defaults, in FuseV1Options order: RunAsNode on, cookie encryption off, ... */
const SHIPPED_WIRE = '10110001';

let work = '';
let appDir = '';
let archive = '';
let builderOutput = '';

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/index.js'))) {
    const built = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
  }
  work = mkdtempSync(join(tmpdir(), 'terminal-pack-'));
  const electronDist = join(work, 'electron');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, SHIPPED_WIRE.length]), Buffer.from(SHIPPED_WIRE)]);
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.alloc(64), wire, Buffer.alloc(64)]), { mode: 0o755 });
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in for the Electron binary\n');

  const cli = join(root, 'node_modules/electron-builder/cli.js');
  const output = join(work, 'release');
  // electron-builder goes quiet when it sees VITEST in its environment; we want its log.
  const env = { ...process.env };
  delete env['VITEST'];
  const run = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
    { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
  );
  builderOutput = `${run.stdout}\n${run.stderr}`;
  expect(run.status, builderOutput).toBe(0);
  appDir = join(output, 'linux-unpacked');
  archive = join(appDir, 'resources/app.asar');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Package names installed by `npm ci --omit=dev`, from the lockfile. */
function productionPackageNames(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  );
}

describe('the packaged app (electron-builder --linux dir)', () => {
  it('loads this project\'s configuration and flips the fuses', () => {
    expect(builderOutput).toMatch(/loaded configuration\s+file=.*electron-builder\.ts/);
    expect(builderOutput).toMatch(/executing @electron\/fuses/);
  });

  it('holds the built app, package.json and the production dependencies, nothing else', () => {
    const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    const packages = new Set<string>();
    const other: string[] = [];
    for (const file of files) {
      const dependency = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
      if (dependency?.[1]) packages.add(dependency[1]);
      else if (!/^\/(out|out\/(main|preload|renderer)(\/.*)?|package\.json|node_modules)$/.test(file)) other.push(file);
    }
    expect(other).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']));
    // Only what `npm ci --omit=dev` installs; none of the renderer's bundled libraries.
    const production = productionPackageNames();
    expect([...packages].filter((name) => !production.has(name))).toEqual([]);
    expect([...packages]).toEqual(expect.arrayContaining(['keytar', 'ws', 'zod', 'big.js']));
    for (const devOnly of ['react', 'react-dom', 'lightweight-charts', 'electron', 'vitest']) expect(packages.has(devOnly), devOnly).toBe(false);
    // No source maps, tests or fixtures, ours or a dependency's.
    expect(files.filter((f) => /\.map$|\.(test|spec)\.[cm]?[jt]sx?$|\/(__tests__|fixtures)\//.test(f))).toEqual([]);
  });

  it('points the packaged package.json at the built main process', () => {
    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string; productName: string };
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest.productName).toBe('Keyboard Terminal');
  });

  it("unpacks keytar's native module beside the asar, where dlopen can read it", () => {
    const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    const nativeModules = files.filter((f) => f.endsWith('.node'));
    expect(nativeModules).toContain('/node_modules/keytar/build/Release/keytar.node');
    for (const file of nativeModules) {
      expect(asar.statFile(archive, file.slice(1)).unpacked, file).toBe(true);
      expect(existsSync(join(appDir, 'resources/app.asar.unpacked', file)), file).toBe(true);
    }
  });

  it('writes the hardened fuses into the app binary', async () => {
    const binary = join(appDir, 'keyboard-terminal');
    const wire = await getCurrentFuseWire(binary);
    const state = (name: string) => (wire[FuseV1Options[name] ?? -1] === '1'.charCodeAt(0) ? 'on' : 'off');
    expect({
      RunAsNode: state('RunAsNode'),
      EnableNodeOptionsEnvironmentVariable: state('EnableNodeOptionsEnvironmentVariable'),
      EnableNodeCliInspectArguments: state('EnableNodeCliInspectArguments'),
      EnableCookieEncryption: state('EnableCookieEncryption'),
      OnlyLoadAppFromAsar: state('OnlyLoadAppFromAsar'),
      EnableEmbeddedAsarIntegrityValidation: state('EnableEmbeddedAsarIntegrityValidation'),
      GrantFileProtocolExtraPrivileges: state('GrantFileProtocolExtraPrivileges'),
    }).toEqual({
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableCookieEncryption: 'on',
      OnlyLoadAppFromAsar: 'on',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });
});
