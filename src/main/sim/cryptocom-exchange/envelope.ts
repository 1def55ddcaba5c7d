import { type SimResponse } from '../shared/http';
import { RawNumber, stringifyRaw } from '../shared/raw-json';
import { type CdcxError, codeName, httpStatusOf } from './codes';
import { type CdcxQuirks } from './quirks';

/** One failed request as received, for connector tests that check the exact bytes (§9 item 17). */
export interface CdcxErrorLogEntry {
  readonly at: number;
  readonly method: string;
  readonly code: number;
  readonly message: string;
  /** The request text (REST body or query, WS frame) exactly as received. */
  readonly raw: string;
}

/** The last failures, newest last (bounded). */
export class ErrorLog {
  readonly entries: CdcxErrorLogEntry[] = [];
  add(entry: CdcxErrorLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > 200) this.entries.shift();
  }
}

/** `{id, method, code, result}` in the §1.3 field order; `code` a number unless §8.1's switch says string. */
export function envelope(quirks: CdcxQuirks, id: RawNumber | number, method: string, code: number, result?: unknown, message?: string): Record<string, unknown> {
  // §8.4: the id is echoed as a number even when it came as a digit string.
  const idOut = id instanceof RawNumber ? new RawNumber(id.text.replace(/^0+(?=\d)/, '')) : id;
  return {
    id: idOut,
    method,
    code: quirks.codeAsString ? String(code) : code,
    ...(message !== undefined ? { message } : {}),
    ...(result !== undefined ? { result } : {}),
  };
}

/** A JSON reply with raw numbers kept. */
export function json(status: number, body: unknown): SimResponse {
  return { status, body: stringifyRaw(body), headers: { 'content-type': 'application/json' } };
}

/** The envelope of a CdcxError with the §6 HTTP status. */
export function errorReply(quirks: CdcxQuirks, id: RawNumber | number, method: string, error: CdcxError): SimResponse {
  const message = error.message || codeName(error.code);
  return json(httpStatusOf(error.code, quirks), envelope(quirks, id, method, error.code, error.result, message));
}
