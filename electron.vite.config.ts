import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { channelNames } from './src/shared/api';

/**
 * Content-Security-Policy written into index.html. Production is strict: scripts and styles
 * from our own files only, no network at all (the renderer has none, architecture.md rule 3).
 * Vite's dev server needs inline scripts (React refresh), inline styles and its HMR socket,
 * so development gets its own, looser policy. Never ship the dev one.
 */
export const CSP_PRODUCTION = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const CSP_DEVELOPMENT = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  let serving = false;
  return {
    name: 'terminal-csp',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml(html) {
      return html.replace('__TERMINAL_CSP__', serving ? CSP_DEVELOPMENT : CSP_PRODUCTION);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      minify: true,
      // Demo mode's simulators run in a process of their own (src/main/engine/simulators.ts).
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts'), 'sim-host': resolve(__dirname, 'src/main/sim/host/main.ts') } },
    },
  },
  preload: {
    // The contract's channel names, read here from the schemas so the preload needs no zod.
    define: { __TERMINAL_CHANNELS__: JSON.stringify(channelNames()) },
    build: {
      // A sandboxed preload may require only `electron`: bundle everything else (shared code)
      // into one CommonJS file (architecture.md, "Electron pitfalls").
      externalizeDeps: false,
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
