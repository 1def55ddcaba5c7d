import { Component, useSyncExternalStore, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Names the part in the message: "Book pane", "command palette", "terminal". */
  name: string;
  children: ReactNode;
  /** The root boundary fills the window; the others fill their part. */
  root?: boolean;
  /** An overlay's failure shows where the overlay was, over the layout. */
  overlay?: boolean;
}

interface State {
  error?: Error;
  /** Bumped by "Reload this part": the children mount afresh. */
  generation: number;
}

/**
 * Keeps one part's failure inside that part (issue 15, must-have 4): a pane, an overlay (the
 * palette, settings), the status bar and notices each have their own boundary, and the root one
 * catches the rest, so a throw never blanks the window while orders stay live. "Reload this
 * part" mounts the part afresh; its state comes back from the stores.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { generation: 0 };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // An injected fault is spent once its boundary has caught it (React renders twice before giving up).
    faults.delete(this.props.name);
    console.error(`${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (!error) {
      return (
        <PartFault key={generation} name={this.props.name}>
          {this.props.children}
        </PartFault>
      );
    }
    const fallback = (
      <div className={this.props.root ? 'part-failed root-failed' : 'part-failed'} role="alert" data-testid="part-failed" data-part={this.props.name}>
        <p>
          The {this.props.name} stopped: {error.message || error.name}
        </p>
        {this.props.root && <p className="muted">The engine keeps running: accounts and open orders are as they were.</p>}
        <button type="button" data-testid="reload-part" onClick={() => this.setState((s) => ({ error: undefined, generation: s.generation + 1 }))}>
          Reload this part
        </button>
      </div>
    );
    return this.props.overlay ? <div className="overlay">{fallback}</div> : fallback;
  }
}

/*
 * A deliberate failure, for tests and support: `window.__terminalFault('Order book pane')` makes that
 * part throw until its own boundary has caught it (every part's name is its boundary's `name`). It
 * touches nothing but the drawing of that part: no order, no account, no engine state.
 */
const faults = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;
(globalThis as { __terminalFault?: (part: string) => void }).__terminalFault = (part: string) => {
  faults.add(String(part));
  version++;
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function PartFault({ name, children }: { name: string; children: ReactNode }) {
  useSyncExternalStore(subscribe, () => version);
  if (faults.has(name)) throw new Error(`a fault was injected into the ${name}`);
  return children;
}
