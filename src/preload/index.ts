import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createTerminalApi, type Transport } from '../shared/api';

// Sandboxed preload: bundled into one CommonJS file that requires only `electron`.

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

contextBridge.exposeInMainWorld('terminal', createTerminalApi(transport));
