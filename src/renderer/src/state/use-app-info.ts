import { useEffect, useState } from 'react';
import type { AppError, AppInfo } from '../../../shared';

export type AppInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo }
  | { status: 'failed'; error: AppError };

/** Asks the engine who it is, once. */
export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void window.terminal.app.info().then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', info: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
