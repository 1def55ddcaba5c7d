import { err, type Result } from '../../shared';
import { SecretUnavailableError } from '../secrets';

/** A connector call that throws (a bug, or a keychain failure while signing) becomes a Result. */
export async function guard<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof SecretUnavailableError) return err(cause.code, cause.message);
    return err('INTERNAL', cause instanceof Error ? cause.message : String(cause));
  }
}
