import type { Balance, Fill, StreamState } from '../../../shared';
import type { Clock } from '../../net/clock';
import type { Credentials } from '../connector';
import type { SocketFactory, StreamSocket } from '../kit/socket';
import { MAX_CHANNELS_PER_SOCKET } from './limits';
import { parseBalances, parseFills, parseOrders, type SymbolOf, type WireOrder } from './map-account';
import { CdxSession } from './session';
import { authFrame } from './sign';
import { subscribeFrame, USER_CHANNELS, type Frame } from './stream-protocol';

export interface UserStreamOptions {
  url: string;
  sockets: SocketFactory;
  clock: Clock;
  credentials: () => Promise<Credentials>;
  accountId: string;
  symbolOf: SymbolOf;
  onOrder: (order: WireOrder) => void;
  onFill: (fill: Fill) => void;
  onBalances: (balances: Balance[]) => void;
  onState?: () => void;
  /** After the key was refused, how long before logging in again (ms). */
  authRetryMs?: number;
  log?: (line: string) => void;
}

/**
 * The user socket (specs/cryptocom-exchange.md §7.4, §7.5): 1 s after every (re)connect it
 * logs in with `public/auth` (signed, §2.3 B), then subscribes `user.order`, `user.trade` and
 * `user.balance`; later frames are not signed. A refused login is shown in the status and tried
 * again after authRetryMs, never in a loop.
 */
export class CdxUserStream {
  private readonly socket: StreamSocket;
  private readonly session: CdxSession;
  private authId: number | undefined;
  private authed = false;
  /** The last login was refused, or its secret could not be read; cleared by a login that works. */
  private loginFailed = false;
  private note: string | undefined;
  private retry: (() => void) | undefined;
  private started = false;

  constructor(private readonly o: UserStreamOptions) {
    this.socket = o.sockets({ url: o.url, name: 'cryptocom-exchange user' });
    this.session = new CdxSession({ socket: this.socket, clock: o.clock, name: 'cryptocom-exchange user', ...(o.log ? { log: o.log } : {}), onReady: () => void this.login(), onFrame: (f) => this.onFrame(f) });
    this.socket.onState((state) => {
      if (state !== 'connected' && state !== 'stale') this.authed = false;
      o.onState?.();
    });
  }

  get state(): StreamState {
    // Open but not logged in: still connecting while the login is out, stale once it was
    // refused (or the secret could not be read), as Icrypex shows a refused api-login.
    if (this.socket.state === 'connected' && !this.authed) return this.loginFailed ? 'stale' : 'connecting';
    return this.socket.state;
  }
  get since(): number | undefined {
    return this.socket.since;
  }
  get detail(): string | undefined {
    return this.note ?? this.socket.detail;
  }
  get retryAt(): number | undefined {
    return this.socket.retryAt;
  }
  get loggedIn(): boolean {
    return this.authed;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.connect();
  }

  async close(): Promise<void> {
    this.retry?.();
    this.session.close();
    await this.socket.close();
  }

  private async login(): Promise<void> {
    let key: Credentials;
    try {
      key = await this.o.credentials();
    } catch {
      this.note = 'the API secret could not be read from the keychain; own orders are not streamed';
      this.loginFailed = true;
      this.o.onState?.();
      return;
    }
    this.authId = this.session.nextId();
    this.session.send(authFrame(key, this.authId, Math.trunc(this.o.clock.now())));
  }

  private onFrame(frame: Frame): void {
    if (frame.kind === 'reply') {
      if (frame.method === 'public/auth' && frame.id === this.authId) return this.onAuth(frame.code, frame.message);
      if (frame.code !== 0) this.o.log?.(`cryptocom-exchange: user socket ${frame.method} refused: ${frame.message ?? ''} (code ${frame.code})`);
      return;
    }
    if (frame.kind !== 'push') return;
    const family = frame.channel.startsWith('user.order') ? 'user.order' : frame.channel.startsWith('user.trade') ? 'user.trade' : frame.channel;
    const drops = this.session.drops;
    if (family === 'user.order') for (const o of drops.attempt(() => parseOrders(frame.data, this.o.accountId, this.o.symbolOf, 'data')) ?? []) this.o.onOrder(o);
    else if (family === 'user.trade') for (const f of drops.attempt(() => parseFills(frame.data, this.o.accountId, this.o.symbolOf, 'data')) ?? []) this.o.onFill(f);
    else if (family === 'user.balance') {
      const balances = drops.attempt(() => parseBalances(frame.data, this.o.accountId, 'data'));
      if (balances) this.o.onBalances(balances);
    }
  }

  private onAuth(code: number, message: string | undefined): void {
    if (code === 0) {
      this.authed = true;
      this.loginFailed = false;
      this.note = undefined;
      const channels = USER_CHANNELS.slice(0, MAX_CHANNELS_PER_SOCKET);
      this.session.send(subscribeFrame(this.session.nextId(), channels, false));
      this.o.onState?.();
      return;
    }
    const retryMs = this.o.authRetryMs ?? 30_000;
    this.loginFailed = true;
    this.note = `the user socket refused the API key (${message ?? 'no reason'}, code ${code}); trying again in ${Math.round(retryMs / 1000)} s`;
    this.o.log?.(`cryptocom-exchange: ${this.note}`);
    this.o.onState?.();
    this.retry?.();
    this.retry = this.o.clock.setTimer(() => {
      this.retry = undefined;
      this.socket.reconnect('logging in again');
    }, retryMs);
  }
}
