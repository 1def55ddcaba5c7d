import { z } from 'zod';

/**
 * The closed set of error codes that cross the contract. Add a code here (and nowhere
 * else) when a new failure needs the renderer to behave differently.
 */
export const ErrorCode = z.enum([
  'VALIDATION',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'UNSUPPORTED',
  'AUTH_INVALID_KEY',
  'KEYCHAIN_UNAVAILABLE',
  'RATE_LIMITED',
  'EXCHANGE_REJECTED',
  'EXCHANGE_UNAVAILABLE',
  'NETWORK',
  'TIMEOUT',
  'ORDER_STATE_UNKNOWN',
  'RISK_BLOCKED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  retryable: z.boolean(),
  /** Which input field the error is about, when there is one (`quantity`, `price`, ...). */
  field: z.string().optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
/** Every invoke answers with a value, never a thrown error (style.md §6). */
export type Result<T> = Ok<T> | Err;

/** Runtime schema for a Result carrying `value`. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppError }),
  ]);
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'EXCHANGE_UNAVAILABLE',
  'NETWORK',
  'TIMEOUT',
]);

/** Builds a failed Result; `retryable` follows from the code unless given. */
export function err(
  code: ErrorCode,
  message: string,
  extra: { field?: string; retryable?: boolean } = {},
): Err {
  const error: AppError = { code, message, retryable: extra.retryable ?? RETRYABLE.has(code) };
  if (extra.field !== undefined) error.field = extra.field;
  return { ok: false, error };
}

/** Exhaustiveness guard for switches over closed unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
