import type { Configuration } from 'electron-builder';

// Packaging for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg). electron-builder finds
// this file by its name; `npm run dist` builds the current platform's targets. Every choice
// below is checked by build/packaging.test.ts, and the why is written in docs/packaging.md.

/**
 * Reverse-DNS identity: the macOS CFBundleIdentifier and the Windows AppUserModelID. It must
 * never change after the first release (Windows ties taskbar pins and notifications to it).
 */
export const APP_ID = 'com.keyboardterminal.desktop';
/** The name users see: menus, window title, installer. Same as package.json's productName. */
export const PRODUCT_NAME = 'Keyboard Terminal';

/**
 * The hardened build (docs/packaging.md, "Fuses"). Flipped in the Electron binary after packing
 * and before signing, so the code signature covers them.
 */
export const FUSES = {
  // No `ELECTRON_RUN_AS_NODE=1 "Keyboard Terminal" script.js`: the app binary is not a Node.
  runAsNode: false,
  // No NODE_OPTIONS / NODE_EXTRA_CA_CERTS: nothing from the environment reaches main's Node.
  enableNodeOptionsEnvironmentVariable: false,
  // No --inspect / SIGUSR1 debugger on the process that holds API secrets.
  enableNodeCliInspectArguments: false,
  // Chromium's cookie store encrypted with the OS keychain (we keep none today; cheap insurance).
  enableCookieEncryption: true,
  // Load app code from app.asar only, never from a loose `app/` folder planted beside it...
  onlyLoadAppFromAsar: true,
  // ...and check app.asar against the hash electron-builder embeds (Info.plist on macOS, a
  // resource on Windows). Together: no unvalidated code in main. No effect on Linux.
  enableEmbeddedAsarIntegrityValidation: true,
  // Off: main serves the renderer from app://terminal/ (src/main/app-protocol.ts), so nothing
  // loads from file://, and a file:// page (should one ever open) gets no extra privileges.
  grantFileProtocolExtraPrivileges: false,
} as const;

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  copyright: 'Copyright © Keyboard Terminal team',
  directories: { buildResources: 'build', output: 'release' },

  // Only what electron-vite built, and package.json (its "main" points into out/). Production
  // dependencies (package.json "dependencies") are added by electron-builder from node_modules;
  // devDependencies never ship. React and the chart library are bundled into out/renderer.
  // The exclusions also apply inside node_modules: zod, for one, publishes its TypeScript
  // sources and tests, and keytar's build-time headers come along as a dependency.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'package.json',
    '!**/*.{map,ts,tsx,mts,cts}',
    '!**/*.{test,spec}.{js,cjs,mjs}',
    '!**/{__tests__,__mocks__,__fixtures__}/**',
    '!**/*.{h,c,gyp,gypi}',
  ],
  asar: true,
  // keytar is a native module: dlopen() cannot read inside an asar (architecture.md, "Electron pitfalls").
  asarUnpack: ['**/*.node'],
  // keytar is N-API (napi_versions [3]): the keytar.node that `npm ci` built for this machine
  // loads in Electron unchanged, so no rebuild against Electron headers (a download) is needed.
  // The same reason keeps every target on the host's own architecture (no `arch` lists below).
  npmRebuild: false,
  electronFuses: FUSES,
  // No auto-update is shipped (docs/packaging.md, "Updates"): nothing is published either.
  publish: null,

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Finance',
    executableName: 'keyboard-terminal',
    // Electron derives the window's app_id from package.json's desktopName; naming the .desktop
    // file (and its StartupWMClass) after it lets the desktop match the window to its icon.
    syncDesktopName: true,
    synopsis: 'Keyboard-first trading terminal for spot crypto exchanges',
    maintainer: 'Keyboard Terminal team',
  },
  // The deb's default depends already carry libsecret-1-0, which keytar needs at run time.
  deb: { priority: 'optional' },
  appImage: { artifactName: 'keyboard-terminal-${version}-${arch}.${ext}' },

  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    // The account registry is not a secret, but it is the user's: keep it across reinstalls.
    deleteAppDataOnUninstall: false,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    artifactName: 'keyboard-terminal-setup-${version}-${arch}.${ext}',
  },

  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.finance',
    hardenedRuntime: true,
    darkModeSupport: true,
  },
  dmg: { artifactName: 'keyboard-terminal-${version}-${arch}.${ext}' },
};

export default config;
