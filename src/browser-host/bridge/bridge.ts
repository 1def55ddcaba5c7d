import { createTerminalApi, type Transport } from '../../shared/api';
import { BRIDGE_PATH, TOKEN_STORAGE_KEY, type ClientFrame, type ServerFrame } from './protocol';

// Installs window.terminal in a plain browser tab, over the browser host's loopback socket,
// with the same createTerminalApi the Electron preload uses.

function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

function createSocketTransport(url: string): Transport {
  const socket = new WebSocket(url);
  const outbox: string[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const frame of outbox.splice(0)) socket.send(frame);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const { reject } of pending.values()) reject(new Error('browser host connection closed'));
    pending.clear();
  });
  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const frame = JSON.parse(message.data) as ServerFrame;
    if (frame.t === 'result') {
      pending.get(frame.id)?.resolve(frame.result);
      pending.delete(frame.id);
    } else {
      for (const listener of listeners.get(frame.channel) ?? []) listener(frame.payload);
    }
  });

  return {
    invoke(channel, payload) {
      if (closed) return Promise.reject(new Error('browser host connection closed'));
      const id = nextId++;
      const frame: ClientFrame = { t: 'invoke', id, channel, payload };
      const text = JSON.stringify(frame);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    listen(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      const wrapped = (payload: unknown) => listener(payload);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

const url = `ws://${location.host}${BRIDGE_PATH}?token=${encodeURIComponent(takeToken())}`;
Object.defineProperty(window, 'terminal', {
  value: createTerminalApi(createSocketTransport(url)),
  writable: false,
  configurable: false,
});
