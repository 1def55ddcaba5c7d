import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Names the pane in the message. */
  name: string;
  children: ReactNode;
}

interface State {
  error?: Error;
}

/** Keeps one pane's failure inside that pane: the rest of the window keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} pane failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="pane-failed" role="alert">
        <p>
          The {this.props.name} pane stopped: {this.state.error.message}
        </p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Reload this pane
        </button>
      </div>
    );
  }
}
