import net, { type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy between the terminal and a simulator (REST and WS share the port), with
 * the link faults of issue 20: `down()` is an outage (every connection cut, new ones refused),
 * `freeze()` is a half-open link (connections stay open, nothing passes either way, nothing
 * closes), `up()` / `thaw()` end them, `resetMidFrame()` is a TCP RST in the middle of a frame
 * with the port still open. Counts every fault it injects.
 */
export class ChaosProxy {
  faults = 0;
  private readonly pairs = new Set<Pair>();
  private server: Server | undefined;
  private constructor(
    private readonly targetPort: number,
    readonly port: number,
  ) {}

  static async start(target: string): Promise<ChaosProxy> {
    const targetPort = Number(new URL(target).port);
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const proxy = new ChaosProxy(targetPort, port);
    await proxy.up();
    return proxy;
  }

  /** The target URL with the proxy's port (`ws://127.0.0.1:<sim>/x` becomes `ws://127.0.0.1:<proxy>/x`). */
  via(url: string): string {
    const u = new URL(url);
    u.port = String(this.port);
    return u.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  }

  get isUp(): boolean {
    return this.server !== undefined;
  }

  /** Accepts connections again (after down()). */
  async up(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** An outage: every connection is reset and the port refuses new ones until up(). */
  async down(): Promise<void> {
    this.faults++;
    const server = this.server;
    this.server = undefined;
    for (const pair of [...this.pairs]) this.cut(pair);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Half-open: the current connections stay open but carry nothing either way; new ones work. */
  freeze(): void {
    this.faults++;
    for (const pair of this.pairs) pair.frozen = true;
  }

  /**
   * A connection reset mid-stream: each open connection passes half of the next chunk the server
   * sends, then both ends are reset (RST); new connections are accepted as before.
   */
  resetMidFrame(): void {
    this.faults++;
    for (const pair of this.pairs) pair.cutMidChunk = true;
  }

  /** Connections currently frozen. */
  frozenCount(): number {
    return [...this.pairs].filter((p) => p.frozen).length;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const pair of [...this.pairs]) this.cut(pair);
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = net.connect({ host: '127.0.0.1', port: this.targetPort });
    const pair: Pair = { client, upstream, frozen: false, cutMidChunk: false };
    this.pairs.add(pair);
    // Bytes pass only while the pair is not frozen; a frozen pair swallows them (a black hole).
    client.on('data', (chunk) => pair.frozen || upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (pair.frozen) return;
      if (!pair.cutMidChunk) return void client.write(chunk);
      // Half a frame reaches the terminal, then the reset (write's callback: the half is on the wire first).
      client.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)), () => this.cut(pair));
    });
    // A half-open link does not pass a close on. Once the terminal gives up its end, the server's
    // end goes too, as its own TCP timeout would make it later: a zombie session there would
    // otherwise take the simulators' one-shot frame faults meant for the live connection.
    client.on('close', () => this.cut(pair));
    upstream.on('close', () => pair.frozen || this.cut(pair));
    client.on('error', () => {});
    upstream.on('error', () => {});
  }

  private cut(pair: Pair): void {
    this.pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream.resetAndDestroy();
  }
}

interface Pair {
  client: Socket;
  upstream: Socket;
  frozen: boolean;
  /** resetMidFrame: the next chunk from the server is cut in half and the connection reset. */
  cutMidChunk: boolean;
}
