import { connect } from 'node:net';

/**
 * Sends raw bytes to a loopback port and resolves with the reply's status code (0 when the
 * server closed without one). For requests no HTTP client would send: `GET /%`, a WebSocket
 * upgrade to `//`, absurd headers.
 */
export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5_000): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply within ${timeoutMs} ms to ${JSON.stringify(String(bytes).slice(0, 60))}`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // One status line and headers are enough; a kept-alive connection would never close.
      if (Buffer.concat(chunks).includes('\r\n\r\n')) done();
    });
    socket.on('end', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

/** A WebSocket upgrade request for `target` with the given extra header lines. */
export function upgradeRequest(target: string, host: string, extra: string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...extra,
    '',
    '',
  ].join('\r\n');
}

/** The hostile request lines every loopback server must answer with a 4xx and survive. */
export function hostileRequests(host: string): Array<{ name: string; bytes: string }> {
  const get = (target: string, headers: string[] = []) => [`GET ${target} HTTP/1.1`, `Host: ${host}`, ...headers, '', ''].join('\r\n');
  return [
    { name: 'GET /%', bytes: get('/%') },
    { name: 'GET //', bytes: get('//') },
    { name: 'GET ///x', bytes: get('///x') },
    { name: 'GET /%zz', bytes: get('/%zz') },
    { name: 'GET /%E0%A4%A (cut UTF-8)', bytes: get('/%E0%A4%A') },
    { name: 'GET /%00', bytes: get('/%00') },
    { name: 'GET with a 64 KiB header', bytes: get('/', [`X-Big: ${'a'.repeat(64 * 1024)}`]) },
    { name: 'GET with a NUL in a header', bytes: get('/', ['X-Nul: a\u0000b']) },
    { name: 'GET with a 1 MiB request line', bytes: get(`/${'a'.repeat(1024 * 1024)}`) },
    { name: 'garbage request line', bytes: 'HELLO\r\n\r\n' },
    { name: 'upgrade to //', bytes: upgradeRequest('//', host) },
    { name: 'upgrade to /%', bytes: upgradeRequest('/%', host) },
    { name: 'upgrade to //x/%zz', bytes: upgradeRequest('//x/%zz', host) },
    { name: 'upgrade without a key', bytes: upgradeRequest('/', host).replace(/Sec-WebSocket-Key: .*\r\n/, '') },
  ];
}
