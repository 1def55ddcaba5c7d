import { useCallback, useRef, useSyncExternalStore } from 'react';

/** A tiny observable state holder; React reads it through `useStore` with a selector. */
export interface Store<T> {
  get(): T;
  set(update: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
}

/** Creates a store; `set` merges a partial state and notifies synchronously. */
export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(update) {
      const patch = typeof update === 'function' ? update(state) : update;
      let changed = false;
      for (const key of Object.keys(patch) as (keyof T)[]) {
        if (!Object.is(state[key], patch[key])) changed = true;
      }
      if (!changed) return;
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Shallow equality for selector results that are small objects or arrays. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Subscribes a component to the part of a store it shows. It re-renders only when the
 * selected value changes (by `equal`), which keeps high-rate panes from re-rendering others.
 */
export function useStore<T, S>(store: Store<T>, selector: (state: T) => S, equal: (a: S, b: S) => boolean = Object.is): S {
  const cache = useRef<{ state: T; selector: (state: T) => S; selected: S } | null>(null);
  const getSnapshot = useCallback(() => {
    const state = store.get();
    const last = cache.current;
    if (last && last.state === state && last.selector === selector) return last.selected;
    const selected = selector(state);
    if (last && equal(last.selected, selected)) {
      cache.current = { state, selector, selected: last.selected };
      return last.selected;
    }
    cache.current = { state, selector, selected };
    return selected;
  }, [store, selector, equal]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
