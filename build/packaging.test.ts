import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import config, { APP_ID, FUSES, PRODUCT_NAME } from '../electron-builder';
import pkg from '../package.json';

// What must hold in the packaging config, checked without Electron or the builder's platform
// tools (neither can be downloaded here). tests/integration/packaging.test.ts packs for real.

const root = join(__dirname, '..');
// electron-builder's own code (app-builder-lib and what it depends on), resolved through
// electron-builder so it is the copy `npm run dist` runs.
const builderRequire = createRequire(createRequire(require.resolve('electron-builder')).resolve('app-builder-lib'));
const configModule = builderRequire('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: Configuration, debug: { isEnabled: boolean; add(): void }): Promise<void>;
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>;
};
const { FileMatcher } = builderRequire('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: unknown) => {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
  };
};
const { Minimatch } = builderRequire('minimatch') as {
  Minimatch: new (pattern: string, options: { dot: boolean }) => { match(path: string): boolean };
};
const quiet = { isEnabled: false, add() {} };

type LockPackage = { dev?: boolean; devOptional?: boolean; optional?: boolean };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
/** node_modules paths of the packages `npm ci --omit=dev` installs: what electron-builder ships. */
const productionPackages = Object.entries(lock.packages)
  .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
  .map(([path]) => path);

/** Would electron-builder copy this project file into app.asar? (its own `files` matcher) */
const ships = (() => {
  const filter = new FileMatcher(root, root, (s) => s, config.files).createFilter();
  return (file: string) => filter(join(root, file), { isDirectory: () => false });
})();

describe('the packaging config', () => {
  it('is a configuration electron-builder accepts (its own schema check)', async () => {
    await expect(configModule.validateConfiguration(config, quiet)).resolves.toBeUndefined();
    // The check is live: a misspelt option is refused, naming it.
    const misspelt = { ...config, asarUnpak: ['**/*.node'] } as Configuration;
    await expect(configModule.validateConfiguration(misspelt, quiet)).rejects.toThrow(/asarUnpak/);
  });

  it('is the file electron-builder loads from the project (no "build" key in package.json overrides it)', async () => {
    expect(pkg).not.toHaveProperty('build');
    const loaded = await configModule.getConfig(root, null, null);
    expect(loaded.appId).toBe(APP_ID);
    expect(loaded.electronFuses).toEqual(FUSES);
    expect(loaded.asarUnpack).toEqual(config.asarUnpack);
  });

  it('names the app: a reverse-DNS appId and the product name from package.json', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.productName).toBe('Keyboard Terminal');
    expect(PRODUCT_NAME).toBe(pkg.productName);
    // Debian refuses a package without a homepage (electron-builder reads package.json's).
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows and dmg on macOS, each on the host architecture', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    // Plain target names: no arch list that would pack this machine's keytar.node for another CPU.
    for (const target of [config.linux?.target, config.win?.target, config.mac?.target]) {
      for (const entry of target as unknown[]) expect(typeof entry).toBe('string');
    }
  });

  it('points every platform at an icon that exists in build/', () => {
    expect(existsSync(join(root, config.win?.icon ?? 'missing'))).toBe(true);
    expect(existsSync(join(root, config.mac?.icon ?? 'missing'))).toBe(true);
    expect(existsSync(join(root, config.nsis?.installerIcon ?? 'missing'))).toBe(true);
    const linuxIcons = readdirSync(join(root, config.linux?.icon ?? 'missing'));
    expect(linuxIcons).toEqual(expect.arrayContaining(['16x16.png', '48x48.png', '256x256.png', '512x512.png']));
    for (const name of linuxIcons) expect(name).toMatch(/^\d+x\d+\.png$/);
  });

  it('lets Linux desktops match the running window to its .desktop entry (and so to its icon)', () => {
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${config.linux?.executableName}.desktop`);
  });

  it('flips the fuses of a hardened build', () => {
    expect(config.electronFuses).toBe(FUSES);
    expect(FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      // The renderer comes from app://terminal/ (src/main/app-protocol.ts), never file://.
      grantFileProtocolExtraPrivileges: false,
    });
    // Integrity needs the hash electron-builder embeds; it embeds none for a disabled or absent asar.
    expect(config.asar).toBe(true);
    expect(config).not.toHaveProperty('disableAsarIntegrity');
  });

  it("unpacks every native module in the production dependencies, keytar's included, from the asar", () => {
    const nativeFiles = productionPackages.flatMap((dir) => findFiles(join(root, dir), (name) => name.endsWith('.node')));
    expect(nativeFiles).toContain('node_modules/keytar/build/Release/keytar.node');
    const unpack = [config.asarUnpack ?? []].flat().map((pattern) => new Minimatch(pattern, { dot: true }));
    for (const file of nativeFiles) expect(unpack.some((m) => m.match(file)), file).toBe(true);
  });

  it('needs no rebuild for Electron: every native production dependency is N-API', () => {
    expect(config.npmRebuild).toBe(false);
    const native = productionPackages.filter((dir) => existsSync(join(root, dir, 'binding.gyp')));
    expect(native).toContain('node_modules/keytar');
    for (const dir of native) {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { binary?: { napi_versions?: number[] } };
      // N-API shows either in the manifest (prebuild's napi_versions) or in the sources, which
      // then include node_api.h / napi.h instead of the V8-bound node.h (ws's optional bufferutil).
      const sources = findFiles(join(root, dir), (name) => /\.(c|cc|cpp|h)$/.test(name));
      const usesNapi = sources.some((file) => /#include\s*[<"](node_api|napi)\.h[>"]/.test(readFileSync(join(root, file), 'utf8')));
      expect(manifest.binary?.napi_versions !== undefined || usesNapi, `${dir} is native but not N-API: it needs npmRebuild`).toBe(true);
    }
  });

  it('ships only the built app and package.json from the project: no sources, tests, fixtures or docs', () => {
    const tracked = spawnSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(50);
    const built = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/assets/index-1a2b.js'];
    const shipped = [...tracked, ...built, 'out/main/index.js.map'].filter(ships);
    expect(shipped.sort()).toEqual([...built, 'package.json'].sort());
    // Spelled out, for the categories that must never ship:
    for (const file of ['src/main/index.ts', 'src/shared/api.test.ts', 'build/packaging.test.ts', 'tests/e2e/app-info.spec.ts',
      'tests/integration/fixtures/frame.json', 'docs/architecture.md', 'README.md', 'build/icon.svg', 'electron-builder.ts']) {
      expect(ships(file), file).toBe(false);
    }
  });

  it('ships no devDependencies: renderer libraries, Electron and the builder are dev-only', () => {
    for (const name of ['react', 'react-dom', 'lightweight-charts', 'electron', 'electron-builder', 'electron-vite', 'vite']) {
      expect(Object.keys(pkg.devDependencies), name).toContain(name);
      expect(Object.keys(pkg.dependencies), name).not.toContain(name);
    }
    expect(productionPackages).toContain('node_modules/keytar');
    expect(productionPackages).not.toContain('node_modules/react');
    expect(config.files).not.toContainEqual(expect.stringContaining('node_modules'));
  });

  it('publishes nothing and ships no updater (auto-update is not shipped: docs/packaging.md)', () => {
    expect(config.publish).toBeNull();
    expect(Object.keys(pkg.dependencies)).not.toContain('electron-updater');
  });

  it('has `npm run dist` build the app, then package it for the current platform', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --publish never');
  });
});

/** Files under `dir` whose name passes `keep`, relative to the project root. */
function findFiles(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : findFiles(path, keep);
    return keep(name) ? [relative(root, path)] : [];
  });
}
