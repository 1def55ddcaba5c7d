import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildTerminalApi, type ChannelNames, type Transport } from '../shared/api-core';

// Sandboxed preload: bundled into one CommonJS file that requires only `electron`. The channel
// names are written in at build time from the contract (electron.vite.config.ts), so the
// preload carries no schema library (issue 15, must-have 9); main validates every payload.
declare const __TERMINAL_CHANNELS__: ChannelNames;

const transport: Transport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  listen: (channel, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('terminal', buildTerminalApi(transport, __TERMINAL_CHANNELS__));
