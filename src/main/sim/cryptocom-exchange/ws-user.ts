import { type WebSocket } from 'ws';
import { type Now } from '../shared/clock';
import { type Faults } from '../shared/faults';
import { type RawNumber } from '../shared/raw-json';
import { CdcxError, CODES } from './codes';
import { type CdcxAccount, type OrderDesk } from './desk';
import { type ErrorLog } from './envelope';
import { balanceRow } from './format';
import { PRIVATE_METHODS } from './private';
import { type CdcxQuirks } from './quirks';
import { type CdcxRequest } from './request';
import { authenticate } from './rest';
import { CdcxSession } from './ws-session';

type UserChannel = 'user.order' | 'user.trade' | 'user.balance';

/**
 * The user socket `/exchange/v1/user` (specs/cryptocom-exchange.md §7.4, §7.5, §9 item 16):
 * `public/auth` signed over `method + id + api_key + nonce`, unsigned frames after it, the
 * user channels with a first frame on subscribe, order entry with the REST semantics, and
 * cancel-on-disconnect.
 */
export class UserSession extends CdcxSession {
  account: CdcxAccount | undefined;
  /** Subscribed string -> family and optional instrument. */
  readonly subs = new Map<string, { family: UserChannel; instrument: string | undefined }>();
  private cancelOnDisconnect = false;

  constructor(
    socket: WebSocket,
    quirks: CdcxQuirks,
    now: Now,
    private readonly authFaults: Faults,
    errors: ErrorLog,
    private readonly desk: OrderDesk,
    private readonly accountByKey: (key: string) => CdcxAccount | undefined,
  ) {
    super(socket, quirks, now, authFaults, errors, 150);
  }

  protected handle(request: CdcxRequest, id: RawNumber | number): void {
    const method = request.method;
    if (method === 'public/auth') {
      // §2.2: signed like a REST call with no params.
      this.account = authenticate({ quirks: this.quirks, faults: this.authFaults, now: this.now, accountByKey: this.accountByKey }, { ...request, params: {} });
      this.send({ id, method, code: this.code(0) });
      return;
    }
    if (method === 'unsubscribe') {
      const channels = request.params.channels;
      if (Array.isArray(channels)) for (const c of channels) if (typeof c === 'string') this.subs.delete(c);
      this.send({ id, method, code: this.code(0) });
      return;
    }
    if (!this.account) {
      // §8.24 [L]: private calls before auth.
      if (this.quirks.subscribeBeforeAuth === 'close') this.socket.close(1000, 'not authenticated');
      throw new CdcxError(CODES.UNAUTHORIZED, 'UNAUTHORIZED');
    }
    const account = this.account;
    if (method === 'subscribe') return this.subscribe(request, id, account);
    if (method === 'private/set-cancel-on-disconnect') {
      if (request.params.scope !== 'CONNECTION') throw new CdcxError(CODES.MISSING_OR_INVALID_ARGUMENT, 'scope must be CONNECTION');
      this.cancelOnDisconnect = true;
      this.send({ id, method, code: this.code(0), result: { scope: 'CONNECTION' } });
      return;
    }
    if (method === 'private/get-cancel-on-disconnect') {
      this.send({ id, method, code: this.code(0), result: { scope: this.cancelOnDisconnect ? 'CONNECTION' : null } });
      return;
    }
    const def = PRIVATE_METHODS[method];
    // §7.4: query methods are REST-only.
    if (!def || !def.ws) throw new CdcxError(CODES.INVALID_REQUEST, 'No such method');
    const result = def.run(this.desk, { account, connection: this.connection, requestId: request.id?.text, nonce: request.nonce?.text }, request.params);
    this.send({ id, method, code: this.code(0), ...(def.okMessage ? { message: def.okMessage } : {}), ...(result !== undefined ? { result } : {}) });
  }

  private subscribe(request: CdcxRequest, id: RawNumber | number, account: CdcxAccount): void {
    const channels = request.params.channels;
    if (!Array.isArray(channels) || channels.length === 0) throw new CdcxError(CODES.INVALID_REQUEST, 'channels must be a non-empty array');
    for (const channel of channels) {
      const text = typeof channel === 'string' ? channel : String(channel);
      const m = /^(user\.order|user\.trade|user\.balance)(?:\.([A-Z0-9]+_[A-Z0-9]+))?$/.exec(text);
      const instrument = m?.[2];
      if (!m || (m[1] === 'user.balance' && instrument) || (instrument && this.desk.engine.market(instrument)?.symbol !== instrument)) {
        this.replyError(request.raw, id, 'subscribe', new CdcxError(CODES.INVALID_REQUEST, m ? 'Unknown symbol' : 'Unrecognized channel'), { channel: text });
        continue;
      }
      const family = m[1] as UserChannel;
      this.subs.set(text, { family, instrument });
      if (this.quirks.bareAckForAllChannels) this.send({ id, method: 'subscribe', code: this.code(0), channel: text });
      // §7.5: the first frame (request id) holds the open orders, nothing yet for trades, or the balance.
      const data =
        family === 'user.order'
          ? this.desk.openOrders(account.accountId, instrument).map((r) => this.desk.object(r))
          : family === 'user.balance'
            ? [balanceRow(this.desk.engine.balances(account.accountId))]
            : [];
      this.push(id, text, family, instrument, data);
    }
  }

  private push(id: RawNumber | number, subscription: string, channel: UserChannel, instrument: string | undefined, data: unknown[]): void {
    this.send({ id, method: 'subscribe', code: this.code(0), result: { ...(instrument ? { instrument_name: instrument } : {}), subscription, channel, data } });
  }

  /** A desk event for this session's account: pushed on every matching subscription. */
  deliver(family: UserChannel, accountId: string, instrument: string | undefined, data: unknown[]): void {
    if (!this.account || this.account.accountId !== accountId) return;
    for (const [subscription, sub] of this.subs) {
      if (sub.family !== family || (sub.instrument && sub.instrument !== instrument)) continue;
      this.push(-1, subscription, family, sub.instrument, data);
    }
  }

  protected override dispose(): void {
    if (this.closed) return;
    super.dispose();
    if (this.cancelOnDisconnect && this.account) {
      const accountId = this.account.accountId;
      // §7.4 [L]: every open order of the account, or only this socket's (switch).
      this.desk.run(() => {
        for (const rec of this.desk.openOrders(accountId)) {
          if (this.quirks.cancelOnDisconnectScope === 'connection' && rec.connection !== this.connection) continue;
          this.desk.engine.cancel(accountId, rec.engineId!);
        }
      });
    }
  }
}
