import type { StreamState, StreamStatus } from '../../../shared';
import { background } from '../../net/background';
import type { Clock } from '../../net/clock';
import { parseFrame } from './stream-protocol';
import type { SigningKey } from '../../secrets/signing-key';
import { apiLoginFrame } from './sign';
import { frameText, type SocketFactory, type StreamSocket } from '../kit/socket';
import { DropLog, type Obj } from '../kit/wire';

/** §8.2: the api-auth reply is undocumented beyond `{"v": true}`; wait this long for it. */
const AUTH_WAIT_MS = 10_000;
/** After a refused login, try again on a fresh connection this much later (REST polls meanwhile). */
const LOGIN_RETRY_MS = 60_000;

export interface IcrypexAccountStreamDeps {
  url: string;
  accountId: string;
  socket: SocketFactory;
  clock: Clock;
  credentials: () => Promise<SigningKey>;
  /** Exchange clock minus ours (ms), so the login timestamp falls inside the nonce window. */
  skewMs: () => number;
  onUserTrade: (body: Obj) => void;
  /** After every (re)connect and login: reconcile open orders and the wallet over REST. */
  onReady: () => void;
  onStatus: () => void;
  log?: (line: string) => void;
}

type AuthState = 'pending' | 'ok' | 'refused' | 'unconfirmed';

/**
 * The account's authenticated socket (§8.2): `api-login` on every (re)connect; `user-trade`
 * pushes arrive here without a subscription (§8.4).
 */
export class IcrypexAccountStream {
  private socket: StreamSocket | undefined;
  private auth: AuthState = 'pending';
  private since: number;
  private cancelAuthWait: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  /** Unreadable frames, logged once per kind (issue 12: no log flood from a hostile feed). */
  private readonly drops: DropLog;

  constructor(private readonly deps: IcrypexAccountStreamDeps) {
    this.since = deps.clock.now();
    this.drops = new DropLog('icrypex private', deps.log);
  }

  start(): void {
    if (this.socket) return;
    const socket = this.deps.socket({ url: this.deps.url, name: `icrypex private ${this.deps.accountId}` });
    this.socket = socket;
    socket.onOpen(() => background(`icrypex private ${this.deps.accountId}: login`, () => this.login(), this.deps.log));
    socket.onMessage((data) => this.onMessage(frameText(data)));
    socket.onState(() => {
      this.since = this.deps.clock.now();
      this.deps.onStatus();
    });
    socket.connect();
  }

  /** True while logged in (or at least not refused) on a connected socket. */
  get healthy(): boolean {
    return this.socket?.state === 'connected' && (this.auth === 'ok' || this.auth === 'unconfirmed');
  }

  status(): StreamStatus | undefined {
    if (!this.socket) return undefined;
    let state: StreamState = this.socket.state;
    let detail: string | undefined;
    if (state === 'connected') {
      if (this.auth === 'refused') {
        state = 'stale';
        detail = 'api-login refused: check the API key and secret; orders are polled over REST';
      } else if (this.auth === 'pending') {
        state = 'connecting';
        detail = 'logging in';
      } else if (this.auth === 'unconfirmed') detail = 'login not confirmed by the exchange';
    }
    const status: StreamStatus = { key: `icrypex:private:${this.deps.accountId}`, accountId: this.deps.accountId, exchange: 'icrypex', kind: 'private', state, since: this.since };
    if (detail) status.detail = detail;
    // The next attempt, as the market sockets show it (issue 20 #2).
    const retryAt = state === 'reconnecting' ? this.socket.retryAt : undefined;
    if (retryAt !== undefined) status.retryAt = retryAt;
    return status;
  }

  stop(): void {
    this.cancelAuthWait?.();
    this.cancelRetry?.();
    this.socket?.close();
    this.socket = undefined;
  }

  private async login(): Promise<void> {
    this.setAuth('pending');
    this.cancelAuthWait?.();
    let key: SigningKey;
    try {
      key = await this.deps.credentials();
    } catch (e) {
      this.deps.log?.(`icrypex private: no credentials for the login (${e instanceof Error ? e.name : 'error'})`);
      this.setAuth('refused');
      return;
    }
    let frame: string;
    try {
      frame = apiLoginFrame(key, this.deps.clock.now() + this.deps.skewMs());
    } catch (e) {
      this.deps.log?.(`icrypex private: cannot sign the login: ${e instanceof Error ? e.message : 'error'}`);
      this.setAuth('refused');
      return;
    }
    if (!this.socket?.send(frame)) return; // dropped again; the next onOpen logs in
    this.cancelAuthWait = this.deps.clock.setTimer(() => {
      if (this.auth === 'pending') {
        // The SDK never waits for api-auth either (§8.2); pushes may still come.
        this.setAuth('unconfirmed');
        this.deps.onReady();
      }
    }, AUTH_WAIT_MS);
  }

  private setAuth(auth: AuthState): void {
    if (this.auth === auth) return;
    this.auth = auth;
    this.since = this.deps.clock.now();
    this.deps.onStatus();
  }

  private onMessage(text: string): void {
    const frame = this.drops.attempt(() => parseFrame(text), 'dropped an unreadable frame');
    if (!frame) return;
    if (frame.type === 'api-auth') {
      this.cancelAuthWait?.();
      this.setAuth(frame.ok ? 'ok' : 'refused');
      if (!frame.ok) {
        this.deps.log?.('icrypex private: api-login refused; orders and the wallet are polled over REST');
        this.cancelRetry?.();
        this.cancelRetry = this.deps.clock.setTimer(() => {
          if (this.auth === 'refused') this.socket?.reconnect('retrying the refused api-login');
        }, LOGIN_RETRY_MS);
      }
      // Reconcile either way: with a refused login, REST polling is all there is.
      this.deps.onReady();
    } else if (frame.type === 'user-trade') {
      this.deps.onUserTrade(frame.body);
    }
  }
}
